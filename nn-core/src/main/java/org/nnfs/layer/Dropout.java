package org.nnfs.layer;

import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;

/**
 * Inverted dropout: in training, each element is zeroed with probability {@code rate} and the rest
 * scaled by {@code 1 / (1 - rate)}, so inference is the identity. Masks are drawn in core from the
 * trainer's per-epoch seed, so every backend drops the same units.
 */
public final class Dropout implements Layer {
    private final double rate;

    /** Dropout of the given rate in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The probability of dropping an element. */
    public double rate() {
        return rate;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("rate", Double.toString(rate));
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }

    private final class Runner implements LayerRunner {
        private final Backend backend;
        private final Scratch masks;
        private final Scratch outputs;
        private float[] hostMask = new float[0];
        private SplittableRandom random = new SplittableRandom(0);
        private Tensor mask;
        private boolean lastWasTraining;

        Runner(LayerContext context) {
            backend = context.backend();
            masks = context.scratch(context.inputSize());
            outputs = context.scratch(context.inputSize());
        }

        @Override
        public void reseed(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            lastWasTraining = mode == Mode.TRAINING;
            if (!lastWasTraining || rate == 0) {
                return x;
            }
            int size = x.size();
            if (hostMask.length < size) {
                hostMask = new float[size];
            }
            float keep = (float) (1 / (1 - rate));
            for (int i = 0; i < size; i++) {
                hostMask[i] = random.nextDouble() < rate ? 0f : keep;
            }
            mask = masks.rows(x.rows());
            backend.copyFrom(hostMask, mask);
            Tensor y = outputs.rows(x.rows());
            backend.binary(BinaryOp.MUL, x, mask, y);
            return y;
        }

        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            if (lastWasTraining && rate > 0) {
                backend.binary(BinaryOp.MUL, dy, mask, dy);
            }
            return dy;
        }
    }
}
