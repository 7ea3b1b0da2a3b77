package org.nnfs.layer;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/** The built-in activations: one backend {@link UnaryOp} each, its backward the backend's {@code unaryBackward}. */
enum UnaryActivation implements ActivationFunction {
    RELU(UnaryOp.RELU),
    SIGMOID(UnaryOp.SIGMOID),
    TANH(UnaryOp.TANH),
    GELU(UnaryOp.GELU);

    private final UnaryOp op;

    UnaryActivation(UnaryOp op) {
        this.op = op;
    }

    @Override
    public String type() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void forward(Backend backend, Tensor x, Tensor y, Scratch work) {
        backend.unary(op, x, y);
    }

    @Override
    public void backward(Backend backend, Tensor x, Tensor y, Tensor dy, Tensor dx, Scratch work) {
        backend.unaryBackward(op, x, y, dy, dx);
    }
}
