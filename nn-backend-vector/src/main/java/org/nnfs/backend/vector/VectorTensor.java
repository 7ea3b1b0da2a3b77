package org.nnfs.backend.vector;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * A tensor held in a plain row-major Java array: {@code float[]} for float32, {@code double[]} for
 * float64. Rows are contiguous, so copies in and out, gathering a mini-batch and every row-wise kernel
 * are {@code System.arraycopy} or a loop over one array.
 *
 * <p>Exactly one of {@link #f} and {@link #d} is non-null; kernels branch on that once per call.
 */
final class VectorTensor extends Tensor {
    /** Row-major elements when float32, else null. */
    final float[] f;
    /** Row-major elements when float64, else null. */
    final double[] d;

    VectorTensor(VectorBackend backend, int rows, int cols, DType dtype) {
        super(backend, rows, cols, dtype);
        int size = Math.multiplyExact(rows, cols);
        this.f = dtype == DType.FLOAT32 ? new float[size] : null;
        this.d = dtype == DType.FLOAT64 ? new double[size] : null;
    }
}
