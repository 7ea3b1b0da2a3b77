package org.nnfs.tensor;

/**
 * A dense two-dimensional array of numbers that lives on one {@link Backend}.
 *
 * <p>Indices have row-major semantics: element {@code (r, c)} is at position {@code r * cols() + c} of
 * the arrays passed to {@link Backend#copyFrom(float[], Tensor)} and returned by
 * {@link #toFloatArray()}, whatever layout the backend uses inside. A tensor's shape and type never
 * change; all arithmetic goes through its backend's operations, which write into tensors the caller
 * allocated once.
 *
 * <p>Backends subclass this to hold their own storage; only the backend that created a tensor may
 * touch it, which {@link Backend} checks before every operation.
 */
public abstract class Tensor {
    private final Backend backend;
    private final int rows;
    private final int cols;
    private final DType dtype;

    /**
     * @param backend the backend that owns the storage
     * @param rows    number of rows, at least 1
     * @param cols    number of columns, at least 1
     * @param dtype   element type
     */
    protected Tensor(Backend backend, int rows, int cols, DType dtype) {
        if (backend == null || dtype == null) {
            throw new NullPointerException("backend and dtype are required");
        }
        Checks.dimensions("tensor", rows, cols);
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
    }

    /** The backend that created this tensor. */
    public final Backend backend() {
        return backend;
    }

    /** Number of rows. */
    public final int rows() {
        return rows;
    }

    /** Number of columns. */
    public final int cols() {
        return cols;
    }

    /** Number of elements, {@code rows() * cols()}. */
    public final int size() {
        return rows * cols;
    }

    /** Element type. */
    public final DType dtype() {
        return dtype;
    }

    /** True when this tensor has the given shape. */
    public final boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    /** The shape as {@code [rows, cols]}, the form every error message uses. */
    public final String shape() {
        return "[" + rows + ", " + cols + "]";
    }

    /** A new row-major copy of the elements as floats (allocates; not for hot loops). */
    public final float[] toFloatArray() {
        float[] out = new float[size()];
        backend.copyTo(this, out);
        return out;
    }

    /** A new row-major copy of the elements as doubles (allocates; not for hot loops). */
    public final double[] toDoubleArray() {
        double[] out = new double[size()];
        backend.copyTo(this, out);
        return out;
    }

    @Override
    public String toString() {
        return backend.name() + " " + dtype + " tensor " + shape();
    }
}
