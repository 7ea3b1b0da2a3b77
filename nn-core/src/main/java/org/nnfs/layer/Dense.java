package org.nnfs.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Fully connected layer {@code Z = X·W + b} with weights {@code W [in, out]} and bias {@code b [1, out]}.
 * The three products of its passes are the three transpose cases of GEMM:
 * {@code Z = X·W}, {@code dW = Xᵀ·dZ}, {@code dX = dZ·Wᵀ}.
 */
public final class Dense implements Layer {
    private final int units;
    private final Optional<Initializer> init;

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
        this.init = Optional.ofNullable(init);
    }

    /** Number of outputs. */
    public int units() {
        return units;
    }

    /** The layer's own initializer of its weights; empty when the model's applies. */
    public Optional<Initializer> initializer() {
        return init;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("units", Integer.toString(units));
        init.ifPresent(i -> c.put("init", i.toString()));
        return c;
    }

    @Override
    public int outputSize(int inputSize) {
        return units;
    }

    @Override
    public List<TensorSpec> tensors(int inputSize) {
        TensorSpec weight = TensorSpec.parameter("weight", inputSize, units).decayed();
        return List.of(init.map(weight::initializedBy).orElseGet(weight::initializedByModel),
                TensorSpec.parameter("bias", 1, units));
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    @Override
    public String toString() {
        return "Dense(" + units + init.map(i -> ", " + i).orElse("") + ")";
    }

    private static final class Runner implements LayerRunner {
        private final Backend backend;
        private final Tensor weight;
        private final Tensor bias;
        private final Tensor weightGrad;
        private final Tensor biasGrad;
        private final Scratch outputs;
        private final Scratch inputGrads;
        private Tensor input;

        Runner(LayerContext context) {
            backend = context.backend();
            weight = context.tensor("weight");
            bias = context.tensor("bias");
            weightGrad = context.training() ? context.gradient("weight") : null;
            biasGrad = context.training() ? context.gradient("bias") : null;
            outputs = context.scratch(weight.cols());
            inputGrads = context.scratch(context.inputSize());
        }

        // forward: X [n, in] -> Z [n, out]
        @Override
        public Tensor forward(Tensor x, Mode mode) {
            input = x;
            Tensor z = outputs.rows(x.rows());
            backend.gemm(false, false, 1, x, weight, 0, z);
            backend.addRowVector(z, bias, z);
            return z;
        }

        // backward: dZ [n, out] -> dW [in, out], db [1, out], dX [n, in]
        @Override
        public Tensor backward(Tensor dz, boolean needInputGradient) {
            backend.gemm(true, false, 1, input, dz, 0, weightGrad);
            backend.sumColumns(dz, biasGrad);
            if (!needInputGradient) {
                return null;
            }
            Tensor dx = inputGrads.rows(dz.rows());
            backend.gemm(false, true, 1, dz, weight, 0, dx);
            return dx;
        }
    }
}
