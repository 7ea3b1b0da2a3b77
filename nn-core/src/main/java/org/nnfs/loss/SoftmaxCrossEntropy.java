package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/**
 * Softmax and cross-entropy in one, on logits: loss {@code -Σ y (z - logsumexp(z)) / n}, gradient
 * {@code (softmax(z) - y) / n}. The log-sum-exp subtracts the row maximum, so any finite logits give
 * a finite loss. Use it on a model that ends in a Dense layer without a Softmax.
 */
public final class SoftmaxCrossEntropy implements Loss {
    static final String TYPE = "softmax_cross_entropy";

    private final HostCopy logits = new HostCopy();
    private final HostCopy targets = new HostCopy();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double compute(Tensor z, Tensor y, Tensor grad) {
        LossMath.checkShapes(TYPE, z, y, grad);
        int n = z.rows();
        int k = z.cols();
        double[] zh = logits.of(z);
        double[] yh = targets.of(y);
        double sum = 0;
        for (int r = 0; r < n; r++) {
            int base = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, zh[base + c]);
            }
            double exps = 0;
            for (int c = 0; c < k; c++) {
                exps += Math.exp(zh[base + c] - max);
            }
            double logSumExp = max + Math.log(exps);
            for (int c = 0; c < k; c++) {
                if (yh[base + c] != 0) {
                    sum -= yh[base + c] * (zh[base + c] - logSumExp);
                }
            }
        }
        if (grad != null) {
            grad.backend().softmaxRows(z, grad);
            LossMath.scaledDifference(grad, y, 1.0 / n, grad);
        }
        return sum / n;
    }

    @Override
    public void checkHead(Head head) {
        String takes = "the logits of 2 or more classes and applies the softmax itself";
        switch (head.kind()) {
            case SOFTMAX:
                throw head.misfit(TYPE, takes, "the model's softmax would be applied twice: remove softmax() from "
                        + "the model, or use CrossEntropy, which takes probabilities");
            case SIGMOID:
                throw head.misfit(TYPE, takes, head.outputs() == 1
                        ? "for two classes with one sigmoid output use BinaryCrossEntropy"
                        : "remove sigmoid() from the model, or use BinaryCrossEntropy for independent yes/no outputs");
            default:
                if (head.outputs() == 1) {
                    throw head.misfit(TYPE, takes, "a softmax over one output is always 1, so nothing would be "
                            + "learned: for two classes use SigmoidBinaryCrossEntropy on this one logit");
                }
        }
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
