package org.nnfs.data;

import java.util.Objects;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Row-major values on the host, as the caller gave them (float or double, so nothing is widened or
 * copied twice), checked before they go to a backend: a rectangular shape and finite values, with the
 * row and column of the first bad one named.
 */
final class HostMatrix {
    private final String what;
    private final float[] floats;
    private final double[] doubles;
    private final int rows;
    private final int cols;

    private HostMatrix(String what, float[] floats, double[] doubles, int rows, int cols) {
        this.what = what;
        this.floats = floats;
        this.doubles = doubles;
        this.rows = rows;
        this.cols = cols;
    }

    /** {@code values} as {@code rows} rows of {@code cols}, without a copy. */
    static HostMatrix of(String what, float[] values, int rows, int cols) {
        Objects.requireNonNull(values, what);
        checkShape(what, values.length, rows, cols);
        return new HostMatrix(what, values, null, rows, cols);
    }

    /** {@code values} as {@code rows} rows of {@code cols}, without a copy. */
    static HostMatrix of(String what, double[] values, int rows, int cols) {
        Objects.requireNonNull(values, what);
        checkShape(what, values.length, rows, cols);
        return new HostMatrix(what, null, values, rows, cols);
    }

    /** The rows of {@code m}, which must all have the same length, copied into one row-major array. */
    static HostMatrix of(String what, float[][] m) {
        int cols = rectangular(what, m);
        float[] flat = new float[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, flat, r * cols, cols);
        }
        return new HostMatrix(what, flat, null, m.length, cols);
    }

    /** The rows of {@code m}, which must all have the same length, copied into one row-major array. */
    static HostMatrix of(String what, double[][] m) {
        int cols = rectangular(what, m);
        double[] flat = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, flat, r * cols, cols);
        }
        return new HostMatrix(what, null, flat, m.length, cols);
    }

    private static void checkShape(String what, int length, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(what + " need at least 1 row and 1 column, got " + rows + " rows of "
                    + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException(what + ": " + length + " values do not make " + rows + " rows of "
                    + cols);
        }
    }

    /** The common row length of {@code m}; names the first row of another length. */
    private static int rectangular(String what, Object[] m) {
        Objects.requireNonNull(m, what);
        if (m.length == 0) {
            throw new IllegalArgumentException(what + " have no rows");
        }
        int cols = java.lang.reflect.Array.getLength(Objects.requireNonNull(m[0], what + " row 0"));
        if (cols == 0) {
            throw new IllegalArgumentException(what + " row 0 is empty");
        }
        if ((long) m.length * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": " + m.length + " rows of " + cols
                    + " are more values than one tensor can hold");
        }
        for (int r = 1; r < m.length; r++) {
            int length = java.lang.reflect.Array.getLength(Objects.requireNonNull(m[r], what + " row " + r));
            if (length != cols) {
                throw new IllegalArgumentException(what + " row " + r + " has " + length
                        + (length == 1 ? " value" : " values") + ", but row 0 has " + cols);
            }
        }
        return cols;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** The value at row-major position {@code i}. */
    double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    /**
     * Refuses NaN and infinite values: one would poison every weight it reaches in training, silently.
     *
     * @throws IllegalArgumentException naming the row and column of the first one
     */
    HostMatrix checkFinite() {
        int size = rows * cols;
        for (int i = 0; i < size; i++) {
            double v = get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " row " + i / cols + ", column " + i % cols + " is " + v
                        + "; remove or impute missing values before making a dataset");
            }
        }
        return this;
    }

    /** A new tensor of these values on {@code backend}. */
    Tensor upload(Backend backend, DType dtype) {
        return floats != null ? backend.fromArray(floats, rows, cols, dtype) : backend.fromArray(doubles, rows, cols, dtype);
    }
}
