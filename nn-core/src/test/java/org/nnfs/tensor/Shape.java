package org.nnfs.tensor;

/**
 * A tensor shape used to parameterize tests; prints as {@code [rows, cols]} like {@link Tensor#shape()}.
 *
 * @param rows number of rows
 * @param cols number of columns
 */
public record Shape(int rows, int cols) {
    /** Number of elements. */
    public int size() {
        return rows * cols;
    }

    @Override
    public String toString() {
        return "[" + rows + ", " + cols + "]";
    }
}
