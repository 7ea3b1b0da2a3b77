package org.nnfs.tensor;

/**
 * The one place where operands are validated before a backend kernel runs, so that every backend
 * reports a mistake with the same words: the operation, which operand, and the shapes involved.
 */
final class Checks {
    /** Java arrays, which copy-in and copy-out use, cannot be longer. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Checks() {
    }

    static void dimensions(String op, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new TensorMismatchException(
                    op + ": shape must be at least [1, 1], got [" + rows + ", " + cols + "]");
        }
        if ((long) rows * cols > MAX_ELEMENTS) {
            throw new TensorMismatchException(op + ": shape [" + rows + ", " + cols + "] has more than "
                    + MAX_ELEMENTS + " elements, the most one tensor can hold");
        }
    }

    /** Non-null, created by {@code backend}. */
    static void owned(String op, Backend backend, String label, Tensor t) {
        if (t == null) { // no capturing lambda: checks run on every call and must not allocate
            throw new NullPointerException(op + ": tensor " + label + " is null");
        }
        if (t.backend() != backend) {
            throw new TensorMismatchException(op + ": " + label + " " + t.shape() + " belongs to backend '"
                    + t.backend().name() + "', but the operation runs on backend '" + backend.name()
                    + "'; create all tensors of a computation on one backend");
        }
    }

    static void sameDType(String op, String labelA, Tensor a, String labelB, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new TensorMismatchException(op + ": element types differ, " + labelA + " " + a.shape() + " is "
                    + a.dtype() + " but " + labelB + " " + b.shape() + " is " + b.dtype());
        }
    }

    static void sameShape(String op, String labelA, Tensor a, String labelB, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new TensorMismatchException(
                    op + ": shape mismatch, " + labelA + ": " + a.shape() + ", " + labelB + ": " + b.shape());
        }
    }

    /** Owned, same dtype and same shape as the first operand. */
    static void elementwise(String op, Backend backend, String labelA, Tensor a, String labelB, Tensor b) {
        owned(op, backend, labelA, a);
        owned(op, backend, labelB, b);
        sameShape(op, labelA, a, labelB, b);
        sameDType(op, labelA, a, labelB, b);
    }

    static void notSame(String op, String labelA, Tensor a, String labelB, Tensor b) {
        if (a == b) {
            throw new TensorMismatchException(
                    op + ": " + labelA + " and " + labelB + " must be different tensors (no aliasing allowed)");
        }
    }

    static void arrayLength(String op, int length, int offset, Tensor t) {
        if (offset < 0 || offset > length || length - offset < t.size()) {
            throw new TensorMismatchException(op + ": array of length " + length + " from offset " + offset
                    + " cannot hold the " + t.size() + " elements of a " + t.shape() + " tensor");
        }
    }

    /** Rows {@code [first, first + count)} exist in {@code t}, and the array holds that many rows from {@code offset}. */
    static void rowRange(String op, int length, int offset, Tensor t, int first, int count) {
        if (first < 0 || count < 1 || first > t.rows() - count) {
            throw new TensorMismatchException(op + ": rows " + first + " to " + ((long) first + count - 1)
                    + " are not rows of a " + t.shape() + " tensor");
        }
        long values = (long) count * t.cols();
        if (offset < 0 || offset > length || length - offset < values) {
            throw new TensorMismatchException(op + ": array of length " + length + " from offset " + offset
                    + " cannot hold " + count + " rows of " + t.cols() + " values");
        }
    }

    static void gemm(Backend backend, boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        String op = "gemm";
        owned(op, backend, "A", a);
        owned(op, backend, "B", b);
        owned(op, backend, "C", c);
        sameDType(op, "A", a, "C", c);
        sameDType(op, "B", b, "C", c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new TensorMismatchException("gemm: inner dimensions differ, op(A) is [" + m + ", " + k
                    + "] and op(B) is [" + kb + ", " + n + "]" + gemmOperands(transA, transB, a, b, c));
        }
        if (c.rows() != m || c.cols() != n) {
            throw new TensorMismatchException(
                    "gemm: C must be [" + m + ", " + n + "] for op(A)·op(B), got " + c.shape()
                            + gemmOperands(transA, transB, a, b, c));
        }
        if (c == a || c == b) {
            throw new TensorMismatchException("gemm: C must not be A or B (the product cannot be written in place)"
                    + gemmOperands(transA, transB, a, b, c));
        }
    }

    /** The operands for a gemm message, built only when a check fails. */
    private static String gemmOperands(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        return " (transA=" + transA + ", transB=" + transB + ", A: " + a.shape() + ", B: " + b.shape()
                + ", C: " + c.shape() + ")";
    }
}
