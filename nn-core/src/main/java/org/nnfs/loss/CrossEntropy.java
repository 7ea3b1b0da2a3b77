package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/**
 * Categorical cross-entropy on probabilities: {@code -Σ y log p / n}, with {@code p} clipped to
 * {@code [1e-10, 1 - 1e-10]} as the original did. After a Softmax layer the model fuses the pair and
 * back-propagates {@code (p - y) / n}, so the clipping never touches the gradient there.
 */
public final class CrossEntropy implements Loss {
    static final String TYPE = "cross_entropy";
    private static final double EPS = 1e-10;

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
        int n = p.rows();
        double[] ph = outputs.of(p);
        double[] yh = targets.of(y);
        double[] g = grad == null ? null : gradient.sized(p.size());
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            double pi = Math.min(Math.max(ph[i], EPS), 1 - EPS);
            if (yh[i] != 0) {
                sum -= yh[i] * Math.log(pi);
            }
            if (grad != null) {
                g[i] = -yh[i] / pi / n;
            }
        }
        if (grad != null) {
            gradient.store(grad);
        }
        return sum / n;
    }

    @Override
    public boolean fusesWithSoftmax() {
        return true;
    }

    @Override
    public double softmaxGradient(Tensor p, Tensor y, Tensor grad) {
        double loss = compute(p, y, null);
        LossMath.scaledDifference(p, y, 1.0 / p.rows(), grad);
        return loss;
    }

    @Override
    public void checkHead(Head head) {
        String takes = "class probabilities from a softmax over 2 or more outputs";
        switch (head.kind()) {
            case SOFTMAX:
                if (head.outputs() == 1) {
                    throw head.misfit(TYPE, takes, "a softmax over one output is always 1, so nothing would be "
                            + "learned: for two classes end the model in dense(1).sigmoid() and use BinaryCrossEntropy");
                }
                return;
            case SIGMOID:
                throw head.misfit(TYPE, takes, head.outputs() == 1
                        ? "for two classes with one sigmoid output use BinaryCrossEntropy"
                        : "end the model in softmax() instead, or use BinaryCrossEntropy for independent yes/no outputs");
            default:
                throw head.misfit(TYPE, takes, head.outputs() == 1
                        ? "for two classes end the model in sigmoid() and use BinaryCrossEntropy, or use "
                                + "SigmoidBinaryCrossEntropy on the logit"
                        : "end the model in softmax(), or use SoftmaxCrossEntropy, which takes logits");
        }
    }

    @Override
    public String toString() {
        return "CrossEntropy()";
    }
}
