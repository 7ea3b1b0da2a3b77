package org.nnfs.tensor.array;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * A tensor held in one plain row-major Java array: {@code float[]} for float32, {@code double[]} for
 * float64. Rows are contiguous, so copies in and out, gathering a mini-batch and every row-wise kernel
 * are {@code System.arraycopy} or a loop over one array.
 *
 * <p>Exactly one of {@link #floats()} and {@link #doubles()} is non-null; kernels branch on that once
 * per call. A backend that needs more per tensor (ojAlgo wraps the same array in a matrix store)
 * subclasses this and creates its tensors in {@link ArrayBackend#doAllocate}.
 */
public class ArrayTensor extends Tensor {
    private final float[] floats;
    private final double[] doubles;

    /**
     * A zero-filled tensor of {@code backend}.
     *
     * @param rows  number of rows, at least 1
     * @param cols  number of columns, at least 1
     * @param dtype element type
     */
    protected ArrayTensor(ArrayBackend backend, int rows, int cols, DType dtype) {
        super(backend, rows, cols, dtype);
        int size = Math.multiplyExact(rows, cols);
        this.floats = dtype == DType.FLOAT32 ? new float[size] : null;
        this.doubles = dtype == DType.FLOAT64 ? new double[size] : null;
    }

    /**
     * The row-major elements when float32, else null. The live array, for the backend's kernels: writing
     * it bypasses the checks of {@link org.nnfs.tensor.Backend}'s operations.
     */
    public final float[] floats() {
        return floats;
    }

    /** The row-major elements when float64, else null; the live array, as {@link #floats()}. */
    public final double[] doubles() {
        return doubles;
    }
}
