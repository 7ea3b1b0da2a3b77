package org.nnfs.tensor;

import java.util.Objects;

/**
 * A tensor backend: allocates {@link Tensor}s and runs the operations a neural network's forward and
 * backward passes need, each writing into an output tensor the caller allocated once.
 *
 * <p><b>For users:</b> obtain a backend from {@link Backends}, allocate buffers with
 * {@link #zeros(int, int, DType)}, and call the public operations. Every public operation validates
 * its operands first (owner backend, element type, shapes) and throws a
 * {@link TensorMismatchException} naming the operation and the shapes; nothing is written then.
 * Element-wise operations may write in place ({@code out} may be the same tensor as an input);
 * {@link #gemm} and {@link #gatherRows} may not.
 *
 * <p><b>For backend authors:</b> extend this class, implement the protected {@code do*} kernels (they
 * receive operands that are already validated and owned by this backend, so a cast to the backend's
 * own tensor type is safe), register a {@link BackendProvider}, and subclass the conformance suite in
 * {@code nn-core}'s test-jar. Derived kernels such as {@link #doCopy} and {@link #doScale} have
 * default implementations built from the primitives; override them when the library has a faster
 * native form. Kernels must not allocate per call once their output exists. A pure-Java backend extends
 * {@link org.nnfs.tensor.array.ArrayBackend} instead, which implements everything but GEMM on Java arrays.
 *
 * <p>A backend instance may be shared by threads that work on distinct tensors; a single tensor must
 * not be written by two threads at once.
 */
public abstract class Backend {
    // Operation names for messages, built once: the checked path must not allocate per call.
    private static final String[] UNARY = names("unary ", UnaryOp.values());
    private static final String[] UNARY_BACKWARD = names("unaryBackward ", UnaryOp.values());
    private static final String[] BINARY = names("binary ", BinaryOp.values());

    private static String[] names(String prefix, Enum<?>[] ops) {
        String[] out = new String[ops.length];
        for (Enum<?> op : ops) {
            out[op.ordinal()] = prefix + op;
        }
        return out;
    }

    /** For subclasses. */
    protected Backend() {
    }

    /** The name users select this backend by, e.g. {@code nd4j}; equal to its provider's name. */
    public abstract String name();

    /** The number of threads the backend's kernels use. */
    public abstract int threads();

    /** A one-line description for logs: library, version, native library, threads. */
    public String description() {
        return name() + " (" + threads() + " threads)";
    }

    @Override
    public String toString() {
        return description();
    }

    // ---------------------------------------------------------------- allocation and copies

    /** A new {@code rows × cols} float32 tensor of zeros. */
    public final Tensor zeros(int rows, int cols) {
        return zeros(rows, cols, DType.FLOAT32);
    }

    /** A new {@code rows × cols} tensor of zeros. */
    public final Tensor zeros(int rows, int cols, DType dtype) {
        Checks.dimensions("zeros", rows, cols);
        Objects.requireNonNull(dtype, "zeros: dtype is null");
        return doAllocate(rows, cols, dtype);
    }

    /** A new tensor holding {@code data} (row-major, exactly {@code rows * cols} values). */
    public final Tensor fromArray(float[] data, int rows, int cols, DType dtype) {
        Tensor t = zerosToHold(data.length, rows, cols, dtype);
        copyFrom(data, 0, t);
        return t;
    }

    /** A new tensor holding {@code data} (row-major, exactly {@code rows * cols} values). */
    public final Tensor fromArray(double[] data, int rows, int cols, DType dtype) {
        Tensor t = zerosToHold(data.length, rows, cols, dtype);
        copyFrom(data, 0, t);
        return t;
    }

    /** The tensor {@code fromArray} fills, once {@code length} values are known to fill it exactly. */
    private Tensor zerosToHold(int length, int rows, int cols, DType dtype) {
        Tensor t = zeros(rows, cols, dtype);
        if (length != t.size()) {
            throw new TensorMismatchException("fromArray: " + length + " values cannot fill a "
                    + t.shape() + " tensor (" + t.size() + " elements)");
        }
        return t;
    }

    /** Copies {@code dst.size()} row-major values from the start of {@code src} into {@code dst}. */
    public final void copyFrom(float[] src, Tensor dst) {
        copyFrom(src, 0, dst);
    }

    /** Copies {@code dst.size()} row-major values from {@code src[offset...]} into {@code dst}. */
    public final void copyFrom(float[] src, int offset, Tensor dst) {
        Objects.requireNonNull(src, "copyFrom: source array is null");
        Checks.owned("copyFrom", this, "dst", dst);
        Checks.arrayLength("copyFrom", src.length, offset, dst);
        doCopyFrom(src, offset, dst, 0, dst.size());
    }

    /** Copies {@code dst.size()} row-major values from the start of {@code src} into {@code dst}. */
    public final void copyFrom(double[] src, Tensor dst) {
        copyFrom(src, 0, dst);
    }

    /** Copies {@code dst.size()} row-major values from {@code src[offset...]} into {@code dst}. */
    public final void copyFrom(double[] src, int offset, Tensor dst) {
        Objects.requireNonNull(src, "copyFrom: source array is null");
        Checks.owned("copyFrom", this, "dst", dst);
        Checks.arrayLength("copyFrom", src.length, offset, dst);
        doCopyFrom(src, offset, dst, 0, dst.size());
    }

    /**
     * Copies {@code rows} rows, row-major from {@code src[offset...]}, into {@code dst} from its row
     * {@code firstRow} on; its other rows keep their values. Fills a large tensor a block of rows at a
     * time, so that its values never need to sit in one host array as well.
     */
    public final void copyRowsFrom(float[] src, int offset, Tensor dst, int firstRow, int rows) {
        Objects.requireNonNull(src, "copyRowsFrom: source array is null");
        Checks.owned("copyRowsFrom", this, "dst", dst);
        Checks.rowRange("copyRowsFrom", src.length, offset, dst, firstRow, rows);
        doCopyFrom(src, offset, dst, firstRow * dst.cols(), rows * dst.cols());
    }

    /** As {@link #copyRowsFrom(float[], int, Tensor, int, int)}, from doubles. */
    public final void copyRowsFrom(double[] src, int offset, Tensor dst, int firstRow, int rows) {
        Objects.requireNonNull(src, "copyRowsFrom: source array is null");
        Checks.owned("copyRowsFrom", this, "dst", dst);
        Checks.rowRange("copyRowsFrom", src.length, offset, dst, firstRow, rows);
        doCopyFrom(src, offset, dst, firstRow * dst.cols(), rows * dst.cols());
    }

    /** Copies the elements of {@code src} row-major into the start of {@code dst}. */
    public final void copyTo(Tensor src, float[] dst) {
        Objects.requireNonNull(dst, "copyTo: destination array is null");
        Checks.owned("copyTo", this, "src", src);
        Checks.arrayLength("copyTo", dst.length, 0, src);
        doCopyTo(src, dst);
    }

    /** Copies the elements of {@code src} row-major into the start of {@code dst}. */
    public final void copyTo(Tensor src, double[] dst) {
        Objects.requireNonNull(dst, "copyTo: destination array is null");
        Checks.owned("copyTo", this, "src", src);
        Checks.arrayLength("copyTo", dst.length, 0, src);
        doCopyTo(src, dst);
    }

    /** {@code dst = src}. */
    public final void copy(Tensor src, Tensor dst) {
        Checks.elementwise("copy", this, "src", src, "dst", dst);
        if (src != dst) {
            doCopy(src, dst);
        }
    }

    /** Sets every element of {@code out} to {@code value}. */
    public final void fill(double value, Tensor out) {
        Checks.owned("fill", this, "out", out);
        doFill(value, out);
    }

    // ---------------------------------------------------------------- the heavy primitive

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C}, where {@code op(X)} is {@code X} or its transpose.
     * With {@code beta = 0} the old contents of C are ignored (even NaN). C must not be A or B.
     */
    public final void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Checks.gemm(this, transA, transB, a, b, c);
        doGemm(transA, transB, alpha, a, b, beta, c);
    }

    // ---------------------------------------------------------------- row and column work

    /**
     * {@code out[r][c] = a[r][c] + row[0][c]}: adds a {@code [1, cols]} row (a bias) to every row; the
     * same as {@code binary(BinaryOp.ADD, a, row, out)}.
     */
    public final void addRowVector(Tensor a, Tensor row, Tensor out) {
        String op = "addRowVector";
        Checks.elementwise(op, this, "a", a, "out", out);
        Checks.owned(op, this, "row", row);
        Checks.sameDType(op, "a", a, "row", row);
        if (row.rows() != 1 || row.cols() != a.cols()) {
            throw new TensorMismatchException(op + ": row must be [1, " + a.cols() + "] to match a: " + a.shape()
                    + ", got row: " + row.shape());
        }
        doBinaryRowVector(BinaryOp.ADD, a, row, out);
    }

    /** {@code out[0][c] = Σ_r a[r][c]}: column sums into a {@code [1, cols]} tensor (bias gradients). */
    public final void sumColumns(Tensor a, Tensor out) {
        String op = "sumColumns";
        Checks.owned(op, this, "a", a);
        Checks.owned(op, this, "out", out);
        Checks.sameDType(op, "a", a, "out", out);
        if (out.rows() != 1 || out.cols() != a.cols()) {
            throw new TensorMismatchException(op + ": out must be [1, " + a.cols() + "] for a: " + a.shape()
                    + ", got out: " + out.shape());
        }
        doSumColumns(a, out);
    }

    /**
     * Numerically stable row-wise softmax: {@code out[r][c] = e^(a[r][c] - m_r) / Σ_j e^(a[r][j] - m_r)}
     * with {@code m_r} the row maximum, so large logits neither overflow nor lose their differences.
     */
    public final void softmaxRows(Tensor a, Tensor out) {
        Checks.elementwise("softmaxRows", this, "a", a, "out", out);
        doSoftmaxRows(a, out);
    }

    /**
     * {@code out[r]} = the column index of the largest value of row {@code r} (the first one on ties).
     * A NaN counts as larger than any number, as in NumPy: a row holding NaN gives the index of its first
     * NaN. Writes {@code a.rows()} entries; {@code out} may be longer.
     */
    public final void argmaxRows(Tensor a, int[] out) {
        Checks.owned("argmaxRows", this, "a", a);
        Objects.requireNonNull(out, "argmaxRows: out is null");
        if (out.length < a.rows()) {
            throw new TensorMismatchException("argmaxRows: out has length " + out.length + " but a: " + a.shape()
                    + " has " + a.rows() + " rows");
        }
        doArgmaxRows(a, out);
    }

    /**
     * Mini-batch assembly: {@code out} row {@code i} = {@code src} row {@code indices[offset + i]} for
     * {@code i < out.rows()}. {@code out} must not be {@code src}.
     */
    public final void gatherRows(Tensor src, int[] indices, int offset, Tensor out) {
        String op = "gatherRows";
        Checks.owned(op, this, "src", src);
        Checks.owned(op, this, "out", out);
        Checks.sameDType(op, "src", src, "out", out);
        Checks.notSame(op, "src", src, "out", out);
        Objects.requireNonNull(indices, "gatherRows: indices is null");
        if (src.cols() != out.cols()) {
            throw new TensorMismatchException(op + ": column counts differ, src: " + src.shape() + ", out: "
                    + out.shape());
        }
        if (offset < 0 || indices.length - offset < out.rows()) {
            throw new TensorMismatchException(op + ": need " + out.rows() + " indices from offset " + offset
                    + " for out: " + out.shape() + ", but indices has length " + indices.length);
        }
        for (int i = 0; i < out.rows(); i++) {
            int r = indices[offset + i];
            if (r < 0 || r >= src.rows()) {
                throw new TensorMismatchException(op + ": index " + r + " at position " + (offset + i)
                        + " is outside src: " + src.shape());
            }
        }
        doGatherRows(src, indices, offset, out);
    }

    // ---------------------------------------------------------------- element-wise work

    /** {@code out = op(a)} element-wise; {@code out} may be {@code a}. */
    public final void unary(UnaryOp op, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "unary: op is null");
        Checks.elementwise(UNARY[op.ordinal()], this, "a", a, "out", out);
        doUnary(op, a, out);
    }

    /**
     * Backward pass of {@code y = op(x)}: {@code dx = dy · op'(x, y)} element-wise. {@code x} is the forward
     * input and {@code y} the forward output; {@code dx} may be {@code dy}.
     */
    public final void unaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Objects.requireNonNull(op, "unaryBackward: op is null");
        String name = UNARY_BACKWARD[op.ordinal()];
        Checks.elementwise(name, this, "x", x, "y", y);
        Checks.elementwise(name, this, "x", x, "dy", dy);
        Checks.elementwise(name, this, "x", x, "dx", dx);
        doUnaryBackward(op, x, y, dy, dx);
    }

    /**
     * {@code out = op(a, b)} element-wise. {@code b} has {@code a}'s shape, or is broadcast as in NumPy: a
     * row {@code [1, cols]} applies to every row of {@code a} ({@code out[r][c] = op(a[r][c], b[0][c])}, a
     * per-feature scale or shift), a column {@code [rows, 1]} to every column
     * ({@code out[r][c] = op(a[r][c], b[r][0])}, a per-example statistic). {@code out} has {@code a}'s shape
     * and may be {@code a}, or {@code b} when that has {@code a}'s shape too.
     */
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "binary: op is null");
        String name = BINARY[op.ordinal()];
        Checks.elementwise(name, this, "a", a, "out", out);
        Checks.owned(name, this, "b", b);
        Checks.sameDType(name, "a", a, "b", b);
        if (b.rows() == a.rows() && b.cols() == a.cols()) {
            doBinary(op, a, b, out);
        } else if (b.rows() == 1 && b.cols() == a.cols()) {
            doBinaryRowVector(op, a, b, out);
        } else if (b.cols() == 1 && b.rows() == a.rows()) {
            doBinaryColumnVector(op, a, b, out);
        } else {
            throw new TensorMismatchException(name + ": b must be " + a.shape() + ", a row [1, " + a.cols()
                    + "] or a column [" + a.rows() + ", 1] to go with a: " + a.shape() + ", got b: " + b.shape());
        }
    }

    /** {@code out = alpha · a + beta} element-wise; {@code out} may be {@code a}. */
    public final void affine(Tensor a, double alpha, double beta, Tensor out) {
        Checks.elementwise("affine", this, "a", a, "out", out);
        doAffine(a, alpha, beta, out);
    }

    /** {@code out = alpha · a} element-wise; {@code out} may be {@code a}. */
    public final void scale(double alpha, Tensor a, Tensor out) {
        Checks.elementwise("scale", this, "a", a, "out", out);
        doScale(alpha, a, out);
    }

    /** {@code y = alpha · x + y} (BLAS axpy); {@code x} and {@code y} have the same shape and may be one tensor. */
    public final void axpy(double alpha, Tensor x, Tensor y) {
        Checks.elementwise("axpy", this, "x", x, "y", y);
        doAxpy(alpha, x, y);
    }

    // ---------------------------------------------------------------- kernels for backend authors

    /** Allocates a zero-filled tensor; dimensions are at least 1. */
    protected abstract Tensor doAllocate(int rows, int cols, DType dtype);

    /**
     * Reads {@code count} values from {@code src[offset...]} into {@code dst}'s elements from the row-major
     * index {@code dstOffset} on; the range lies within both.
     */
    protected abstract void doCopyFrom(float[] src, int offset, Tensor dst, int dstOffset, int count);

    /**
     * Reads {@code count} values from {@code src[offset...]} into {@code dst}'s elements from the row-major
     * index {@code dstOffset} on; the range lies within both.
     */
    protected abstract void doCopyFrom(double[] src, int offset, Tensor dst, int dstOffset, int count);

    /** Writes {@code src.size()} row-major values to the start of {@code dst}. */
    protected abstract void doCopyTo(Tensor src, float[] dst);

    /** Writes {@code src.size()} row-major values to the start of {@code dst}. */
    protected abstract void doCopyTo(Tensor src, double[] dst);

    /** See {@link #fill}. */
    protected abstract void doFill(double value, Tensor out);

    /** See {@link #gemm}; shapes are checked, C is distinct from A and B. */
    protected abstract void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);


    /** See {@link #sumColumns}. */
    protected abstract void doSumColumns(Tensor a, Tensor out);

    /** See {@link #softmaxRows}. */
    protected abstract void doSoftmaxRows(Tensor a, Tensor out);

    /** See {@link #argmaxRows}. */
    protected abstract void doArgmaxRows(Tensor a, int[] out);

    /** See {@link #gatherRows}; every index is already known to be in range. */
    protected abstract void doGatherRows(Tensor src, int[] indices, int offset, Tensor out);

    /** See {@link #unary}. */
    protected abstract void doUnary(UnaryOp op, Tensor a, Tensor out);

    /** See {@link #unaryBackward}. */
    protected abstract void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** See {@link #binary}, with {@code b} of {@code a}'s shape. */
    protected abstract void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /**
     * {@code out[r][c] = op(a[r][c], row[0][c])}: {@link #binary} with a row, and {@link #addRowVector}
     * ({@link BinaryOp#ADD}). {@code out} may be {@code a}.
     */
    protected abstract void doBinaryRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out);

    /** {@code out[r][c] = op(a[r][c], column[r][0])}: {@link #binary} with a column. {@code out} may be {@code a}. */
    protected abstract void doBinaryColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out);

    /** See {@link #affine}. */
    protected abstract void doAffine(Tensor a, double alpha, double beta, Tensor out);

    /** See {@link #axpy}. */
    protected abstract void doAxpy(double alpha, Tensor x, Tensor y);

    /** See {@link #copy}; derived from {@link #doAffine}, override with a native copy. */
    protected void doCopy(Tensor src, Tensor dst) {
        doAffine(src, 1, 0, dst);
    }

    /** See {@link #scale}; derived from {@link #doAffine}, override with a native scale. */
    protected void doScale(double alpha, Tensor a, Tensor out) {
        doAffine(a, alpha, 0, out);
    }
}
