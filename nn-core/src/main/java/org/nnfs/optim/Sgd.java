package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/** Plain stochastic gradient descent, {@code w -= lr · g}: the original's optimizer. */
public final class Sgd extends Optimizer {

    /** SGD with the given learning rate and no weight decay. */
    public Sgd(double learningRate) {
        this(learningRate, 0);
    }

    /** SGD with L2 weight decay λ. */
    public Sgd(double learningRate, double weightDecay) {
        super(learningRate, weightDecay);
    }

    @Override
    public String type() {
        return "sgd";
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return 0;
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        backend.axpy(-learningRate, p.grad(), p.value());
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + (weightDecay() > 0 ? ", weight_decay=" + weightDecay() : "") + ")";
    }
}
