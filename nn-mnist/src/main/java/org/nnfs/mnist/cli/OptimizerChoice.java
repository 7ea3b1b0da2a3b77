package org.nnfs.mnist.cli;

import java.util.Locale;

import org.nnfs.optim.Adam;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.Sgd;

/** The optimizers {@code train --optimizer} offers, each with the learning rate it works well with on MNIST. */
enum OptimizerChoice {
    /** Plain stochastic gradient descent, the original's choice. */
    SGD(0.1),
    /** SGD with momentum 0.9. */
    MOMENTUM(0.05),
    /** Adam with the usual betas. */
    ADAM(0.001);

    private final double defaultLearningRate;

    OptimizerChoice(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    double defaultLearningRate() {
        return defaultLearningRate;
    }

    Optimizer create(double learningRate) {
        switch (this) {
            case SGD:
                return new Sgd(learningRate);
            case MOMENTUM:
                return new Momentum(learningRate);
            default:
                return new Adam(learningRate);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
