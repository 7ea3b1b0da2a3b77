package org.nnfs.layer;

import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.RowBuffers;
import org.nnfs.tensor.Tensor;

/**
 * Inverted dropout: in training, each element is zeroed with probability {@code rate} and the rest
 * scaled by {@code 1 / (1 - rate)}, so inference is the identity. Masks are drawn in core from the
 * trainer's per-epoch seed, so every backend drops the same units.
 */
public final class Dropout implements Layer {
    private final double rate;

    private Backend backend;
    private RowBuffers masks;
    private RowBuffers outputs;
    private float[] hostMask = new float[0];
    private SplittableRandom random = new SplittableRandom(0);
    private Tensor mask;
    private boolean lastWasTraining;

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
    public void bind(Backend backend, DType dtype, int inputSize, Initializer defaultInit, SplittableRandom random) {
        this.backend = backend;
        masks = new RowBuffers(backend, dtype, inputSize);
        outputs = new RowBuffers(backend, dtype, inputSize);
    }

    @Override
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        lastWasTraining = training;
        if (!training || rate == 0) {
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
        mask = masks.get(x.rows());
        backend.copyFrom(hostMask, mask);
        Tensor y = outputs.get(x.rows());
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

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
