package org.nnfs.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;
import org.nnfs.tensor.array.ArrayBackend;
import org.nnfs.tensor.array.ArrayTensor;

/**
 * The tensor backend in pure Java on the JDK Vector API ({@code jdk.incubator.vector}): a blocked GEMM
 * ({@link FloatGemm}, {@link DoubleGemm}) split over a fixed team of threads ({@link Workers}), and
 * vector loops ({@link FloatKernels}, {@link DoubleKernels}) in place of {@link ArrayBackend}'s plain
 * ones for the arithmetic kernels. Obtain it with {@code Backends.get("vector")}; the JVM needs
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Tensors are {@link ArrayBackend}'s row-major arrays, and so are copies, fill and argmax (exact,
 * memory-bound work that vectors do not speed up). GEMM and gathering rows use more than one thread
 * ({@link RowGather}: a batch's rows wait on memory, and two threads wait for twice as many at once), and
 * so do the element-wise passes of a training step over large arrays ({@link Elementwise}); the other
 * kernels (softmax over 10 classes, scaling, copies) are passes where a hand-off costs about as much as
 * the work.
 *
 * <p><b>Threads sharing the backend</b> (several threads predicting on one model) never wait for each
 * other: a GEMM uses the backend's product and its team of threads when it is free, and otherwise a
 * single-threaded product of the calling thread's own, made on first need (with buffers of about 0.5 MB
 * for float32). Element-wise passes and gathers likewise run on the calling thread when the team is busy.
 */
final class VectorBackend extends ArrayBackend {
    final FloatGemm floatGemm; // package-private for tests
    final DoubleGemm doubleGemm;
    private final RowGather rowGather;
    private final Elementwise elementwise;
    // A thread's own products hold no reference to the backend, so a dropped backend's entries are not pinned.
    private final ThreadLocal<FloatGemm> ownFloatGemm = ThreadLocal.withInitial(() -> new FloatGemm(Workers.ofSize(1)));
    private final ThreadLocal<DoubleGemm> ownDoubleGemm =
            ThreadLocal.withInitial(() -> new DoubleGemm(Workers.ofSize(1)));

    /** @param threads threads one GEMM may use, at least 1 */
    VectorBackend(int threads) {
        super(threads);
        Workers workers = Workers.ofSize(threads);
        this.floatGemm = new FloatGemm(workers);
        this.doubleGemm = new DoubleGemm(workers);
        this.rowGather = new RowGather(workers);
        this.elementwise = new Elementwise(workers);
    }

    @Override
    public String name() {
        return VectorBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "vector (JDK Vector API, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors of "
                + FloatVector.SPECIES_PREFERRED.length() + " floats or " + DoubleVector.SPECIES_PREFERRED.length()
                + " doubles, pure Java, " + threads() + (threads() == 1 ? " thread)" : " threads)");
    }

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        WarmUp.realWorkStarted();
        ArrayTensor x = (ArrayTensor) a;
        ArrayTensor y = (ArrayTensor) b;
        ArrayTensor z = (ArrayTensor) c;
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        if (z.floats() != null) {
            if (!floatGemm.tryGemm(transA, transB, alpha, x.floats(), y.floats(), beta, z.floats(), m, n, k)) {
                ownFloatGemm.get().gemm(transA, transB, alpha, x.floats(), y.floats(), beta, z.floats(), m, n, k);
            }
        } else if (!doubleGemm.tryGemm(transA, transB, alpha, x.doubles(), y.doubles(), beta, z.doubles(), m, n, k)) {
            ownDoubleGemm.get().gemm(transA, transB, alpha, x.doubles(), y.doubles(), beta, z.doubles(), m, n, k);
        }
    }

    @Override
    protected void doGatherRows(float[] src, int cols, int[] indices, int offset, float[] out) {
        rowGather.gather(src, cols, indices, offset, out);
    }

    @Override
    protected void doGatherRows(double[] src, int cols, int[] indices, int offset, double[] out) {
        rowGather.gather(src, cols, indices, offset, out);
    }

    // ---------------------------------------------------------------- the vector loops, per operation and type

    @Override
    protected void doBinaryRowVector(BinaryOp op, float[] a, float[] row, int cols, float[] out) {
        elementwise.binaryRowVector(op, a, row, cols, out, out.length);
    }

    @Override
    protected void doBinaryRowVector(BinaryOp op, double[] a, double[] row, int cols, double[] out) {
        elementwise.binaryRowVector(op, a, row, cols, out, out.length);
    }

    @Override
    protected void doBinaryColumnVector(BinaryOp op, float[] a, float[] column, int cols, float[] out) {
        FloatKernels.binaryColumnVector(op, a, column, cols, out);
    }

    @Override
    protected void doBinaryColumnVector(BinaryOp op, double[] a, double[] column, int cols, double[] out) {
        DoubleKernels.binaryColumnVector(op, a, column, cols, out);
    }

    @Override
    protected void doSumColumns(float[] a, int cols, float[] out) {
        elementwise.sumColumns(a, cols, out, a.length);
    }

    @Override
    protected void doSumColumns(double[] a, int cols, double[] out) {
        elementwise.sumColumns(a, cols, out, a.length);
    }

    @Override
    protected void doSoftmaxRows(float[] a, int cols, float[] out) {
        FloatKernels.softmaxRows(a, cols, out);
    }

    @Override
    protected void doSoftmaxRows(double[] a, int cols, double[] out) {
        DoubleKernels.softmaxRows(a, cols, out);
    }

    @Override
    protected void doUnary(UnaryOp op, float[] a, float[] out) {
        elementwise.unary(op, a, out, out.length);
    }

    @Override
    protected void doUnary(UnaryOp op, double[] a, double[] out) {
        elementwise.unary(op, a, out, out.length);
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx) {
        elementwise.unaryBackward(op, x, y, dy, dx, dx.length);
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, double[] x, double[] y, double[] dy, double[] dx) {
        elementwise.unaryBackward(op, x, y, dy, dx, dx.length);
    }

    @Override
    protected void doBinary(BinaryOp op, float[] a, float[] b, float[] out) {
        elementwise.binary(op, a, b, out, out.length);
    }

    @Override
    protected void doBinary(BinaryOp op, double[] a, double[] b, double[] out) {
        elementwise.binary(op, a, b, out, out.length);
    }

    @Override
    protected void doAffine(float[] a, double alpha, double beta, float[] out) {
        FloatKernels.affine(a, alpha, beta, out);
    }

    @Override
    protected void doAffine(double[] a, double alpha, double beta, double[] out) {
        DoubleKernels.affine(a, alpha, beta, out);
    }

    @Override
    protected void doScale(double alpha, float[] a, float[] out) {
        FloatKernels.scale(alpha, a, out);
    }

    @Override
    protected void doScale(double alpha, double[] a, double[] out) {
        DoubleKernels.scale(alpha, a, out);
    }

    @Override
    protected void doAxpy(double alpha, float[] x, float[] y) {
        elementwise.axpy(alpha, x, y, y.length);
    }

    @Override
    protected void doAxpy(double alpha, double[] x, double[] y) {
        elementwise.axpy(alpha, x, y, y.length);
    }
}
