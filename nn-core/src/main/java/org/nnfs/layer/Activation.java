package org.nnfs.layer;

import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.RowBuffers;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * An element-wise activation {@code y = f(x)} backed by one {@link UnaryOp}; its backward pass is the
 * backend's {@code unaryBackward}, written in place over the incoming gradient.
 */
public final class Activation implements Layer {
    private final UnaryOp op;
    private final String type;

    private Backend backend;
    private RowBuffers outputs;
    private Tensor input;
    private Tensor output;

    private Activation(UnaryOp op, String type) {
        this.op = op;
        this.type = type;
    }

    /** {@code max(0, x)}. */
    public static Activation relu() {
        return new Activation(UnaryOp.RELU, "relu");
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static Activation sigmoid() {
        return new Activation(UnaryOp.SIGMOID, "sigmoid");
    }

    /** {@code tanh(x)}. */
    public static Activation tanh() {
        return new Activation(UnaryOp.TANH, "tanh");
    }

    /** The element-wise function. */
    public UnaryOp op() {
        return op;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public void bind(Backend backend, DType dtype, int inputSize, Initializer defaultInit, SplittableRandom random) {
        this.backend = backend;
        this.outputs = new RowBuffers(backend, dtype, inputSize);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        input = x;
        output = outputs.get(x.rows());
        backend.unary(op, x, output);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient) {
        backend.unaryBackward(op, input, output, dy, dy);
        return dy;
    }

    @Override
    public String toString() {
        return type.substring(0, 1).toUpperCase() + type.substring(1) + "()";
    }
}
