package org.nnfs.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization",
 * 2019), as PyTorch's {@code torch.optim.AdamW}: each step first shrinks the weights,
 * {@code w -= lr·λ·w}, then takes {@link Adam}'s step on the plain gradient. Unlike L2 decay, the
 * shrinking is not divided by Adam's {@code sqrt(v)}, so every weight decays at the same rate. Biases
 * are not decayed.
 */
public final class AdamW extends AdaptiveMoments {

    /** AdamW with explicit settings; λ is typically 0.01 to 0.1. */
    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** AdamW with PyTorch's defaults: β1 = 0.9, β2 = 0.999, ε = 1e-8, λ = 0.01. */
    public AdamW(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    @Override
    public String type() {
        return "adamw";
    }

    @Override
    String name() {
        return "AdamW";
    }

    @Override
    protected boolean decouplesWeightDecay() {
        return true;
    }
}
