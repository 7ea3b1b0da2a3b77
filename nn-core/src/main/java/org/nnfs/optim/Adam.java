package org.nnfs.optim;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, as PyTorch's {@code torch.optim.Adam}:
 * {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²},
 * {@code w -= lr/(1-β1^t) · m / (sqrt(v/(1-β2^t)) + ε)}. Weight decay, if any, is L2 added to the
 * gradient; {@link AdamW} decouples it.
 */
public final class Adam extends AdaptiveMoments {

    /** Adam with explicit settings. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public String type() {
        return "adam";
    }

    @Override
    String name() {
        return "Adam";
    }
}
