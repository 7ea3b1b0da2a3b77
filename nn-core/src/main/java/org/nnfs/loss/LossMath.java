package org.nnfs.loss;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

/** What the built-in losses share: the shape check and the gradient {@code factor · (p - y)}. */
final class LossMath {
    private LossMath() {
    }

    /** Refuses an output, target or gradient of another shape, naming the loss and the shapes. */
    static void checkShapes(String loss, Tensor output, Tensor target, Tensor grad) {
        if (output.rows() != target.rows() || output.cols() != target.cols()) {
            throw new TensorMismatchException(loss + ": output " + output.shape() + " and target " + target.shape()
                    + " must have the same shape");
        }
        if (grad != null && (grad.rows() != output.rows() || grad.cols() != output.cols())) {
            throw new TensorMismatchException(loss + ": gradient " + grad.shape() + " must match output " + output.shape());
        }
    }

    /**
     * {@code grad = factor · (p - y)}: the gradient of every loss here with respect to what it is fused
     * with, or to its own input; {@code p} may be {@code grad}.
     */
    static void scaledDifference(Tensor p, Tensor y, double factor, Tensor grad) {
        grad.backend().binary(BinaryOp.SUB, p, y, grad);
        grad.backend().scale(factor, grad, grad);
    }
}
