package org.nnfs.layer;

import java.util.List;
import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * A test-only layer with a buffer, shaped like batch normalization's bookkeeping: a trained
 * {@code offset} and a {@code running_mean} buffer of the inputs. Training mode outputs
 * {@code x + offset} and moves the running mean toward the batch's column means
 * ({@code rm = momentum·rm + (1 - momentum)·mean}); inference mode outputs
 * {@code x + offset - running_mean} and changes nothing.
 */
public final class Recenter implements Layer {
    /** The registered type. */
    public static final String TYPE = "test_recenter";

    private final double momentum;

    /** A layer whose running mean keeps {@code momentum} of its old value per training batch. */
    public Recenter(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("test_recenter: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("momentum", Double.toString(momentum));
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public List<TensorSpec> tensors(int inputSize) {
        return List.of(TensorSpec.parameter("offset", 1, inputSize), TensorSpec.buffer("running_mean", 1, inputSize));
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    @Override
    public String toString() {
        return "Recenter(" + momentum + ")";
    }

    private final class Runner implements LayerRunner {
        private final Backend backend;
        private final Tensor offset;
        private final Tensor runningMean;
        private final Tensor offsetGrad;
        private final Scratch outputs;
        private final Scratch means;

        Runner(LayerContext context) {
            backend = context.backend();
            offset = context.tensor("offset");
            runningMean = context.tensor("running_mean");
            offsetGrad = context.training() ? context.gradient("offset") : null;
            outputs = context.scratch(context.inputSize());
            means = context.scratch(context.inputSize());
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            Tensor y = outputs.rows(x.rows());
            backend.addRowVector(x, offset, y);
            if (mode == Mode.TRAINING) {
                Tensor mean = means.rows(1);
                backend.sumColumns(x, mean);
                backend.scale(1.0 / x.rows(), mean, mean);
                backend.scale(momentum, runningMean, runningMean);
                backend.axpy(1 - momentum, mean, runningMean);
            } else {
                Tensor negated = means.rows(1);
                backend.scale(-1, runningMean, negated);
                backend.addRowVector(y, negated, y);
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            backend.sumColumns(dy, offsetGrad);
            return dy;
        }
    }
}
