package org.nnfs.tensor.array;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * The base of pure-Java backends: tensors are row-major Java arrays ({@link ArrayTensor}), and every
 * operation but GEMM is done here, as plain loops. A new backend is its GEMM plus a provider:
 *
 * <pre>{@code
 * final class MyBackend extends ArrayBackend {
 *     MyBackend(int threads) { super(threads); }
 *     @Override public String name() { return "mine"; }
 *     @Override protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b,
 *                                     double beta, Tensor c) {
 *         float[] cs = ((ArrayTensor) c).floats(); // null for float64: then use doubles()
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Dispatch.</b> This class implements the SPI's {@code do*} methods once, final: each picks the
 * element type and hands the arrays to a kernel of the same name, {@code doUnary(UnaryOp, float[],
 * float[])} and {@code doUnary(UnaryOp, double[], double[])} for {@link #doUnary(UnaryOp, Tensor,
 * Tensor)}, and so on. Those per-type kernels are protected and overridable: a backend with a faster
 * loop (the Vector API backend's) overrides exactly the operations and types it speeds up, and the
 * dispatch stays here. Copies, fill, argmax and gather are exact and memory-bound, so they are final.
 *
 * <p><b>Speed.</b> The loops are static methods of package-private classes generated from one template
 * for both types; the per-type kernel is called once per operation, never per element, so an override
 * costs one virtual call per operation and nothing in the loops. Nothing here allocates.
 */
public abstract class ArrayBackend extends Backend {
    private final int threads;

    /**
     * @param threads the number of threads the backend's kernels use, at least 1 (only GEMM is worth
     *                splitting; the other kernels run on the caller's thread)
     */
    protected ArrayBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public final int threads() {
        return threads;
    }

    private static ArrayTensor t(Tensor t) {
        return (ArrayTensor) t;
    }

    // ---------------------------------------------------------------- allocation and copies

    /** A zero-filled {@link ArrayTensor}; override to return a subclass that holds more. */
    @Override
    protected ArrayTensor doAllocate(int rows, int cols, DType dtype) {
        return new ArrayTensor(this, rows, cols, dtype);
    }

    @Override
    protected final void doCopyFrom(float[] src, int offset, Tensor dst, int dstOffset, int count) {
        ArrayTensor d = t(dst);
        if (d.floats() != null) {
            System.arraycopy(src, offset, d.floats(), dstOffset, count);
        } else {
            DoubleKernels.copyFrom(src, offset, d.doubles(), dstOffset, count);
        }
    }

    @Override
    protected final void doCopyFrom(double[] src, int offset, Tensor dst, int dstOffset, int count) {
        ArrayTensor d = t(dst);
        if (d.doubles() != null) {
            System.arraycopy(src, offset, d.doubles(), dstOffset, count);
        } else {
            FloatKernels.copyFrom(src, offset, d.floats(), dstOffset, count);
        }
    }

    @Override
    protected final void doCopyTo(Tensor src, float[] dst) {
        ArrayTensor s = t(src);
        if (s.floats() != null) {
            System.arraycopy(s.floats(), 0, dst, 0, s.size());
        } else {
            DoubleKernels.copyTo(s.doubles(), dst);
        }
    }

    @Override
    protected final void doCopyTo(Tensor src, double[] dst) {
        ArrayTensor s = t(src);
        if (s.doubles() != null) {
            System.arraycopy(s.doubles(), 0, dst, 0, s.size());
        } else {
            FloatKernels.copyTo(s.floats(), dst);
        }
    }

    @Override
    protected final void doCopy(Tensor src, Tensor dst) {
        ArrayTensor s = t(src);
        if (s.floats() != null) {
            System.arraycopy(s.floats(), 0, t(dst).floats(), 0, s.size());
        } else {
            System.arraycopy(s.doubles(), 0, t(dst).doubles(), 0, s.size());
        }
    }

    @Override
    protected final void doFill(double value, Tensor out) {
        ArrayTensor o = t(out);
        if (o.floats() != null) {
            FloatKernels.fill(value, o.floats());
        } else {
            DoubleKernels.fill(value, o.doubles());
        }
    }

    // ---------------------------------------------------------------- row and column work

    @Override
    protected final void doSumColumns(Tensor a, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doSumColumns(x.floats(), x.cols(), t(out).floats());
        } else {
            doSumColumns(x.doubles(), x.cols(), t(out).doubles());
        }
    }

    @Override
    protected final void doSoftmaxRows(Tensor a, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doSoftmaxRows(x.floats(), x.cols(), t(out).floats());
        } else {
            doSoftmaxRows(x.doubles(), x.cols(), t(out).doubles());
        }
    }

    @Override
    protected final void doArgmaxRows(Tensor a, int[] out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            FloatKernels.argmaxRows(x.floats(), x.cols(), out);
        } else {
            DoubleKernels.argmaxRows(x.doubles(), x.cols(), out);
        }
    }

    @Override
    protected final void doGatherRows(Tensor src, int[] indices, int offset, Tensor out) {
        ArrayTensor s = t(src);
        if (s.floats() != null) {
            doGatherRows(s.floats(), s.cols(), indices, offset, t(out).floats());
        } else {
            doGatherRows(s.doubles(), s.cols(), indices, offset, t(out).doubles());
        }
    }

    // ---------------------------------------------------------------- element-wise work

    @Override
    protected final void doUnary(UnaryOp op, Tensor a, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doUnary(op, x.floats(), t(out).floats());
        } else {
            doUnary(op, x.doubles(), t(out).doubles());
        }
    }

    @Override
    protected final void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        ArrayTensor xs = t(x);
        if (xs.floats() != null) {
            doUnaryBackward(op, xs.floats(), t(y).floats(), t(dy).floats(), t(dx).floats());
        } else {
            doUnaryBackward(op, xs.doubles(), t(y).doubles(), t(dy).doubles(), t(dx).doubles());
        }
    }

    @Override
    protected final void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doBinary(op, x.floats(), t(b).floats(), t(out).floats());
        } else {
            doBinary(op, x.doubles(), t(b).doubles(), t(out).doubles());
        }
    }

    @Override
    protected final void doBinaryRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doBinaryRowVector(op, x.floats(), t(row).floats(), x.cols(), t(out).floats());
        } else {
            doBinaryRowVector(op, x.doubles(), t(row).doubles(), x.cols(), t(out).doubles());
        }
    }

    @Override
    protected final void doBinaryColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doBinaryColumnVector(op, x.floats(), t(column).floats(), x.cols(), t(out).floats());
        } else {
            doBinaryColumnVector(op, x.doubles(), t(column).doubles(), x.cols(), t(out).doubles());
        }
    }

    @Override
    protected final void doAffine(Tensor a, double alpha, double beta, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doAffine(x.floats(), alpha, beta, t(out).floats());
        } else {
            doAffine(x.doubles(), alpha, beta, t(out).doubles());
        }
    }

    @Override
    protected final void doScale(double alpha, Tensor a, Tensor out) {
        ArrayTensor x = t(a);
        if (x.floats() != null) {
            doScale(alpha, x.floats(), t(out).floats());
        } else {
            doScale(alpha, x.doubles(), t(out).doubles());
        }
    }

    @Override
    protected final void doAxpy(double alpha, Tensor x, Tensor y) {
        ArrayTensor xs = t(x);
        if (xs.floats() != null) {
            doAxpy(alpha, xs.floats(), t(y).floats());
        } else {
            doAxpy(alpha, xs.doubles(), t(y).doubles());
        }
    }

    // ---------------------------------------------------------------- per-type kernels, overridable
    // Arrays are row-major, of equal length where the operation's shapes are equal; an output may be any
    // input (read index i before writing it). Each pair computes in its own element type.

    /**
     * {@code out}'s row {@code i} = {@code src}'s row {@code indices[offset + i]}, for as many rows as
     * {@code out} holds; {@code cols} values a row. Every index is already checked.
     */
    protected void doGatherRows(float[] src, int cols, int[] indices, int offset, float[] out) {
        FloatKernels.gatherRows(src, cols, indices, offset, out);
    }

    /** See {@link #doGatherRows(float[], int, int[], int, float[])}. */
    protected void doGatherRows(double[] src, int cols, int[] indices, int offset, double[] out) {
        DoubleKernels.gatherRows(src, cols, indices, offset, out);
    }

    /** {@code out[c] = Σ_r a[r][c]}; {@code out} may be {@code a} when it has one row. See {@link #sumColumns}. */
    protected void doSumColumns(float[] a, int cols, float[] out) {
        FloatKernels.sumColumns(a, cols, out);
    }

    /** {@code out[c] = Σ_r a[r][c]}; {@code out} may be {@code a} when it has one row. See {@link #sumColumns}. */
    protected void doSumColumns(double[] a, int cols, double[] out) {
        DoubleKernels.sumColumns(a, cols, out);
    }

    /** Row-wise stable softmax; see {@link #softmaxRows}. */
    protected void doSoftmaxRows(float[] a, int cols, float[] out) {
        FloatKernels.softmaxRows(a, cols, out);
    }

    /** Row-wise stable softmax; see {@link #softmaxRows}. */
    protected void doSoftmaxRows(double[] a, int cols, double[] out) {
        DoubleKernels.softmaxRows(a, cols, out);
    }

    /** {@code out = op(a)}, matching {@link UnaryOp#apply}; see {@link #unary}. */
    protected void doUnary(UnaryOp op, float[] a, float[] out) {
        FloatKernels.unary(op, a, out);
    }

    /** {@code out = op(a)}, matching {@link UnaryOp#apply}; see {@link #unary}. */
    protected void doUnary(UnaryOp op, double[] a, double[] out) {
        DoubleKernels.unary(op, a, out);
    }

    /** {@code dx = dy · op'(x, y)}, matching {@link UnaryOp#derivative}; see {@link #unaryBackward}. */
    protected void doUnaryBackward(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx) {
        FloatKernels.unaryBackward(op, x, y, dy, dx);
    }

    /** {@code dx = dy · op'(x, y)}, matching {@link UnaryOp#derivative}; see {@link #unaryBackward}. */
    protected void doUnaryBackward(UnaryOp op, double[] x, double[] y, double[] dy, double[] dx) {
        DoubleKernels.unaryBackward(op, x, y, dy, dx);
    }

    /** {@code out = op(a, b)}, matching {@link BinaryOp#apply}; see {@link #binary}. */
    protected void doBinary(BinaryOp op, float[] a, float[] b, float[] out) {
        FloatKernels.binary(op, a, b, out);
    }

    /** {@code out = op(a, b)}, matching {@link BinaryOp#apply}; see {@link #binary}. */
    protected void doBinary(BinaryOp op, double[] a, double[] b, double[] out) {
        DoubleKernels.binary(op, a, b, out);
    }

    /** {@code out[r][c] = op(a[r][c], row[c])}; see {@link #binary} and {@link #addRowVector}. */
    protected void doBinaryRowVector(BinaryOp op, float[] a, float[] row, int cols, float[] out) {
        FloatKernels.binaryRowVector(op, a, row, cols, out);
    }

    /** {@code out[r][c] = op(a[r][c], row[c])}; see {@link #binary} and {@link #addRowVector}. */
    protected void doBinaryRowVector(BinaryOp op, double[] a, double[] row, int cols, double[] out) {
        DoubleKernels.binaryRowVector(op, a, row, cols, out);
    }

    /** {@code out[r][c] = op(a[r][c], column[r])}; see {@link #binary}. */
    protected void doBinaryColumnVector(BinaryOp op, float[] a, float[] column, int cols, float[] out) {
        FloatKernels.binaryColumnVector(op, a, column, cols, out);
    }

    /** {@code out[r][c] = op(a[r][c], column[r])}; see {@link #binary}. */
    protected void doBinaryColumnVector(BinaryOp op, double[] a, double[] column, int cols, double[] out) {
        DoubleKernels.binaryColumnVector(op, a, column, cols, out);
    }

    /** {@code out = alpha · a + beta}, alpha and beta rounded to float once; see {@link #affine}. */
    protected void doAffine(float[] a, double alpha, double beta, float[] out) {
        FloatKernels.affine(a, alpha, beta, out);
    }

    /** {@code out = alpha · a + beta}; see {@link #affine}. */
    protected void doAffine(double[] a, double alpha, double beta, double[] out) {
        DoubleKernels.affine(a, alpha, beta, out);
    }

    /** {@code out = alpha · a}, alpha rounded to float once; see {@link #scale}. */
    protected void doScale(double alpha, float[] a, float[] out) {
        FloatKernels.scale(alpha, a, out);
    }

    /** {@code out = alpha · a}; see {@link #scale}. */
    protected void doScale(double alpha, double[] a, double[] out) {
        DoubleKernels.scale(alpha, a, out);
    }

    /** {@code y += alpha · x}, alpha rounded to float once; see {@link #axpy}. */
    protected void doAxpy(double alpha, float[] x, float[] y) {
        FloatKernels.axpy(alpha, x, y);
    }

    /** {@code y += alpha · x}; see {@link #axpy}. */
    protected void doAxpy(double alpha, double[] x, double[] y) {
        DoubleKernels.axpy(alpha, x, y);
    }
}
