package org.nnfs.train;

import java.util.List;

import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Applies a {@link GradientClipping} to one training pass's gradients with the backend's element-wise
 * operations and buffers allocated once, so a step allocates nothing.
 *
 * <p>The global norm: each gradient is squared element-wise into a scratch tensor and its columns
 * summed on the backend; the column sums come to the host (one row per parameter) and are added there
 * in double precision. Clamping by value takes {@code max(min(g, +t), -t)} against two tensors filled with
 * the bounds once.
 */
final class GradientClipper {
    private final GradientClipping clipping;
    private final List<Parameter> parameters;
    private final Tensor[] scratch;
    private final Tensor[] columnSums;
    private final Tensor[] lower;
    private final double[] host;

    GradientClipper(GradientClipping clipping, List<Parameter> parameters) {
        this.clipping = clipping;
        this.parameters = parameters;
        int n = parameters.size();
        scratch = new Tensor[n];
        columnSums = new Tensor[n];
        lower = new Tensor[n];
        int widest = 1;
        for (int i = 0; i < n && clipping.mode() != GradientClipping.Mode.NONE; i++) {
            Tensor g = parameters.get(i).grad();
            Backend b = g.backend();
            DType dtype = g.dtype();
            scratch[i] = b.zeros(g.rows(), g.cols(), dtype);
            if (clipping.mode() == GradientClipping.Mode.NORM) {
                columnSums[i] = b.zeros(1, g.cols(), dtype);
                widest = Math.max(widest, g.cols());
            } else {
                b.fill(clipping.threshold(), scratch[i]);    // the upper bound
                lower[i] = b.zeros(g.rows(), g.cols(), dtype);
                b.fill(-clipping.threshold(), lower[i]);
            }
        }
        host = new double[widest];
    }

    /** Clips the gradients in place. */
    void clip() {
        switch (clipping.mode()) {
            case NORM -> clipNorm();
            case VALUE -> clipValue();
            default -> { }
        }
    }

    /** The global L2 norm of the gradients as they are now. */
    double globalNorm() {
        double sum = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Tensor g = parameters.get(i).grad();
            Backend b = g.backend();
            b.binary(BinaryOp.MUL, g, g, scratch[i]);
            b.sumColumns(scratch[i], columnSums[i]);
            b.copyTo(columnSums[i], host);
            for (int c = 0; c < g.cols(); c++) {
                sum += host[c];
            }
        }
        return Math.sqrt(sum);
    }

    private void clipNorm() {
        double norm = globalNorm();
        double coefficient = clipping.threshold() / (norm + GradientClipping.NORM_EPSILON);
        if (coefficient < 1) {
            for (int i = 0; i < parameters.size(); i++) {
                Tensor g = parameters.get(i).grad();
                g.backend().scale(coefficient, g, g);
            }
        }
    }

    private void clipValue() {
        for (int i = 0; i < parameters.size(); i++) {
            Tensor g = parameters.get(i).grad();
            Backend b = g.backend();
            b.binary(BinaryOp.MIN, g, scratch[i], g);
            b.binary(BinaryOp.MAX, g, lower[i], g);
        }
    }
}
