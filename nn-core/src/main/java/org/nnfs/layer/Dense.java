package org.nnfs.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.RowBuffers;
import org.nnfs.tensor.Tensor;

/**
 * Fully connected layer {@code Z = X·W + b} with weights {@code W [in, out]} and bias {@code b [1, out]}.
 * The three products of its passes are the three transpose cases of GEMM:
 * {@code Z = X·W}, {@code dW = Xᵀ·dZ}, {@code dX = dZ·Wᵀ}.
 */
public final class Dense implements Layer {
    private final int units;
    private final Initializer init;

    private Backend backend;
    private Parameter weight;
    private Parameter bias;
    private RowBuffers outputs;
    private RowBuffers inputGrads;
    private Tensor input;

    /** A layer of {@code units} outputs, initialised with the model's initializer. */
    public Dense(int units) {
        this(units, null);
    }

    /** A layer of {@code units} outputs with its own initializer ({@code null}: the model's). */
    public Dense(int units, Initializer init) {
        if (units < 1) {
            throw new IllegalArgumentException("Dense: units must be at least 1, got " + units);
        }
        this.units = units;
        this.init = init;
    }

    /** Number of outputs. */
    public int units() {
        return units;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("units", Integer.toString(units));
        if (init != null) {
            c.put("init", init.toString());
        }
        return c;
    }

    @Override
    public int outputSize(int inputSize) {
        return units;
    }

    @Override
    public long parameterCount(int inputSize) {
        return ((long) inputSize + 1) * units;
    }

    @Override
    public void bind(Backend backend, DType dtype, int inputSize, Initializer defaultInit, SplittableRandom random) {
        if (this.backend != null) {
            throw new IllegalStateException("Dense layer is already part of a model; create a new layer");
        }
        if (parameterCount(inputSize) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Dense: a [" + inputSize + ", " + units + "] weight matrix is too large");
        }
        this.backend = backend;
        double[] w = new double[inputSize * units];
        (init != null ? init : defaultInit).fill(w, inputSize, units, random);
        weight = new Parameter("weight", backend.fromArray(w, inputSize, units, dtype),
                backend.zeros(inputSize, units, dtype), true);
        bias = new Parameter("bias", backend.zeros(1, units, dtype), backend.zeros(1, units, dtype), false);
        outputs = new RowBuffers(backend, dtype, units);
        inputGrads = new RowBuffers(backend, dtype, inputSize);
    }

    // forward: X [n, in] -> Z [n, out]
    @Override
    public Tensor forward(Tensor x, boolean training) {
        input = x;
        Tensor z = outputs.get(x.rows());
        backend.gemm(false, false, 1, x, weight.value(), 0, z);
        backend.addRowVector(z, bias.value(), z);
        return z;
    }

    // backward: dZ [n, out] -> dW [in, out], db [1, out], dX [n, in]
    @Override
    public Tensor backward(Tensor dz, boolean needInputGradient) {
        backend.gemm(true, false, 1, input, dz, 0, weight.grad());
        backend.sumColumns(dz, bias.grad());
        if (!needInputGradient) {
            return null;
        }
        Tensor dx = inputGrads.get(dz.rows());
        backend.gemm(false, true, 1, dz, weight.value(), 0, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Dense(" + units + (init != null ? ", " + init : "") + ")";
    }
}
