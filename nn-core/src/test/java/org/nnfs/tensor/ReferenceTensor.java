package org.nnfs.tensor;

/**
 * Storage of the {@link ReferenceBackend}: a row-major {@code float[]} or {@code double[]}, exactly one
 * of which exists. {@link #get} and {@link #set} hide the difference so that each kernel is written once.
 */
final class ReferenceTensor extends Tensor {
    final float[] floats;
    final double[] doubles;

    ReferenceTensor(Backend backend, int rows, int cols, DType dtype) {
        super(backend, rows, cols, dtype);
        this.floats = dtype == DType.FLOAT32 ? new float[rows * cols] : null;
        this.doubles = dtype == DType.FLOAT64 ? new double[rows * cols] : null;
    }

    double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    /** Stores {@code value}, rounded to float for a float32 tensor. */
    void set(int i, double value) {
        if (floats != null) {
            floats[i] = (float) value;
        } else {
            doubles[i] = value;
        }
    }
}
