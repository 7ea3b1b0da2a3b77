package org.nnfs.loss;

import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Sigmoid and binary cross-entropy in one, on logits: loss
 * {@code Σ [max(z, 0) - z y + log(1 + e^-|z|)] / (n k)}, gradient {@code (sigmoid(z) - y) / (n k)}.
 * That form of the loss never takes the exponential of a positive number, so any finite logit gives a
 * finite loss, however confident the model (Keras' {@code from_logits=True}, PyTorch's
 * {@code BCEWithLogitsLoss}). Use it on a model that ends in a Dense layer without a sigmoid; the
 * model's outputs are then logits, and {@code sigmoid(z)} is the probability of class 1.
 */
public final class SigmoidBinaryCrossEntropy implements Loss {
    static final String TYPE = "sigmoid_binary_cross_entropy";

    private final HostCopy logits = new HostCopy();
    private final HostCopy targets = new HostCopy();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double compute(Tensor z, Tensor y, Tensor grad) {
        LossMath.checkShapes(TYPE, z, y, grad);
        int m = z.size();
        double[] zh = logits.of(z);
        double[] yh = targets.of(y);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double zi = zh[i];
            sum += Math.max(zi, 0) - zi * yh[i] + Math.log1p(Math.exp(-Math.abs(zi)));
        }
        if (grad != null) {
            grad.backend().unary(UnaryOp.SIGMOID, z, grad);
            LossMath.scaledDifference(grad, y, 1.0 / m, grad);
        }
        return sum / m;
    }

    @Override
    public void checkHead(Head head) {
        String takes = "logits and applies the sigmoid itself";
        switch (head.kind()) {
            case SIGMOID:
                throw head.misfit(TYPE, takes, "the model's sigmoid would be applied twice: remove sigmoid() from "
                        + "the model, or use BinaryCrossEntropy, which takes probabilities");
            case SOFTMAX:
                throw head.misfit(TYPE, takes, "for 2 or more exclusive classes use CrossEntropy after softmax(), "
                        + "or SoftmaxCrossEntropy without it");
            default:
        }
    }

    @Override
    public String toString() {
        return "SigmoidBinaryCrossEntropy()";
    }
}
