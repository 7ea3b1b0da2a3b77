package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, for a model that ends in a sigmoid:
 * {@code -Σ [y log p + (1 - y) log(1 - p)] / (n k)} over the {@code n × k} outputs, each an independent
 * probability that its target is 1 (targets are 0 or 1, or in between). With one output this is binary
 * classification, Keras' {@code binary_crossentropy} and PyTorch's {@code BCELoss}.
 *
 * <p>{@code p} is clipped to {@code [1e-7, 1 - 1e-7]} (Keras' epsilon; a float32 probability cannot
 * come closer to 1 anyway) so that a saturated sigmoid gives a finite loss. After a sigmoid the model
 * fuses the pair and back-propagates {@code (p - y) / (n k)} into the logits, which is exact: the
 * clipping touches the reported loss only, never the gradient. For logits, use
 * {@link SigmoidBinaryCrossEntropy}.
 */
public final class BinaryCrossEntropy implements Loss {
    static final String TYPE = "binary_cross_entropy";
    private static final double EPS = 1e-7;

    private final HostCopy outputs = new HostCopy();
    private final HostCopy targets = new HostCopy();
    private final HostCopy gradient = new HostCopy();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double compute(Tensor p, Tensor y, Tensor grad) {
        LossMath.checkShapes(TYPE, p, y, grad);
        int m = p.size();
        double[] ph = outputs.of(p);
        double[] yh = targets.of(y);
        double[] g = grad == null ? null : gradient.sized(m);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double pi = Math.min(Math.max(ph[i], EPS), 1 - EPS);
            double yi = yh[i];
            sum -= yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi);
            if (grad != null) {
                g[i] = (pi - yi) / (pi * (1 - pi)) / m;
            }
        }
        if (grad != null) {
            gradient.store(grad);
        }
        return sum / m;
    }

    @Override
    public boolean fusesWithSigmoid() {
        return true;
    }

    @Override
    public double sigmoidGradient(Tensor p, Tensor y, Tensor grad) {
        double loss = compute(p, y, null);
        LossMath.scaledDifference(p, y, 1.0 / p.size(), grad);
        return loss;
    }

    @Override
    public void checkHead(Head head) {
        String takes = "probabilities from a sigmoid";
        switch (head.kind()) {
            case SIGMOID:
                return;
            case SOFTMAX:
                throw head.misfit(TYPE, takes, "for 2 or more exclusive classes use CrossEntropy after softmax(); "
                        + "for binary classification end the model in dense(1).sigmoid()");
            default:
                throw head.misfit(TYPE, takes, "end the model in sigmoid(), or use SigmoidBinaryCrossEntropy, "
                        + "which takes logits");
        }
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy()";
    }
}
