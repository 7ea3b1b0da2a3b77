package org.nnfs.backend.vector;

import java.util.concurrent.locks.ReentrantLock;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The element-wise kernels of a training step (activation and its derivative, bias add, bias gradient,
 * optimizer update) over large arrays, cut into ranges on the GEMM's team of threads.
 *
 * <p>Why threads for passes this cheap: they run between the products, on arrays the products have just
 * written from both threads, and on one thread they took a tenth of the calling thread's time in MNIST
 * training (JFR, Zen 3 with AVX2) while the other thread waited. The team's workers are still spinning from
 * the product before, so a hand-off costs little against tens of microseconds for a pass over 100,000 values.
 *
 * <p><b>The same numbers.</b> Ranges start at multiples of the vector length (for the column sums, at
 * multiples of it in columns), so every element takes the path, vector or scalar tail, it takes in one
 * call on the whole array; each column is still summed in row order. Small arrays, and a caller that finds
 * this object busy (threads sharing a backend), run on the calling thread.
 */
final class Elementwise implements Workers.Job {
    /** Below this many values a pass runs on the calling thread. */
    static final int PARALLEL_VALUES = 1 << 15;
    /** Values per chunk at least, so that a hand-off stays small against the work. */
    private static final int CHUNK_VALUES = 1 << 13;
    /** Chunks per thread, so that a thread held up by other processes holds up little. */
    private static final int CHUNKS_PER_THREAD = 2;

    private static final int FLOAT_LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final int DOUBLE_LANES = DoubleVector.SPECIES_PREFERRED.length();

    private enum Kind { UNARY, UNARY_BACKWARD, BINARY, ROW_VECTOR, AXPY, SUM_COLUMNS }

    private final Workers workers;
    private final ReentrantLock busy = new ReentrantLock();
    // The pass in progress, for the workers: ranges [chunk·step, (chunk + 1)·step) of `extent` values, rows
    // or columns.
    private Kind kind;
    private UnaryOp unaryOp;
    private BinaryOp binaryOp;
    private double alpha;
    private Object x;
    private Object y;
    private Object z;
    private Object out;
    private int cols;
    private int extent;
    private int step;

    Elementwise(Workers workers) {
        this.workers = workers;
    }

    // The arrays of a pass are all float[] or all double[]; n is the number of values of the input (the row
    // vector has cols, the column sums' output cols).

    /** {@code out = op(a)}. */
    void unary(UnaryOp op, Object a, Object out, int n) {
        pass(Kind.UNARY, op, null, 0, a, null, null, out, 0, n, lanes(a), n);
    }

    /** {@code dx = dy * op'(x, y)}; {@code dx} may be {@code dy}. */
    void unaryBackward(UnaryOp op, Object x, Object y, Object dy, Object dx, int n) {
        pass(Kind.UNARY_BACKWARD, op, null, 0, x, y, dy, dx, 0, n, lanes(x), n);
    }

    /** {@code out = op(a, b)}. */
    void binary(BinaryOp op, Object a, Object b, Object out, int n) {
        pass(Kind.BINARY, null, op, 0, a, b, null, out, 0, n, lanes(a), n);
    }

    /** {@code out[r][c] = op(a[r][c], row[c])}, split by rows. */
    void binaryRowVector(BinaryOp op, Object a, Object row, int cols, Object out, int n) {
        pass(Kind.ROW_VECTOR, null, op, 0, a, row, null, out, cols, cols == 0 ? 0 : n / cols, 1, n);
    }

    /** {@code y += alpha * x}. */
    void axpy(double alpha, Object x, Object y, int n) {
        pass(Kind.AXPY, null, null, alpha, x, null, null, y, 0, n, lanes(x), n);
    }

    /**
     * {@code out[c] = Σ_r a[r][c]}, split by columns, so only an array wide enough for two ranges of whole
     * vectors is split.
     */
    void sumColumns(Object a, int cols, Object out, int n) {
        int lanes = lanes(a);
        pass(Kind.SUM_COLUMNS, null, null, 0, a, null, null, out, cols, cols, lanes, cols < 2 * lanes ? 0 : n);
    }

    private static int lanes(Object array) {
        return array instanceof float[] ? FLOAT_LANES : DOUBLE_LANES;
    }

    /**
     * Runs a pass over {@code extent} units (values, rows or columns; {@code values} values in all): split into
     * chunks of whole groups of {@code align} units when it is large enough and this object and the team are
     * free, otherwise on the calling thread.
     */
    private void pass(Kind kind, UnaryOp unaryOp, BinaryOp binaryOp, double alpha, Object x, Object y, Object z,
                      Object out, int cols, int extent, int align, int values) {
        if (workers.size() == 1 || values < PARALLEL_VALUES || !busy.tryLock()) {
            apply(kind, unaryOp, binaryOp, alpha, x, y, z, out, cols, 0, extent);
            return;
        }
        try {
            this.kind = kind;
            this.unaryOp = unaryOp;
            this.binaryOp = binaryOp;
            this.alpha = alpha;
            this.x = x;
            this.y = y;
            this.z = z;
            this.out = out;
            this.cols = cols;
            this.extent = extent;
            int chunks = Math.max(1, Math.min(CHUNKS_PER_THREAD * workers.size(), values / CHUNK_VALUES));
            int groups = (extent + align - 1) / align;
            step = (groups + chunks - 1) / chunks * align;
            workers.run(this, (extent + step - 1) / step);
        } finally {
            this.x = null;
            this.y = null;
            this.z = null;
            this.out = null;
            busy.unlock();
        }
    }

    @Override
    public void run(int chunk, int part) {
        int from = chunk * step;
        apply(kind, unaryOp, binaryOp, alpha, x, y, z, out, cols, from, Math.min(extent, from + step));
    }

    /** Units {@code [from, to)} of a pass. */
    private static void apply(Kind kind, UnaryOp unaryOp, BinaryOp binaryOp, double alpha, Object x, Object y,
                              Object z, Object out, int cols, int from, int to) {
        if (out instanceof float[] o) {
            float[] a = (float[]) x;
            switch (kind) {
                case UNARY -> FloatKernels.unary(unaryOp, a, o, from, to);
                case UNARY_BACKWARD -> FloatKernels.unaryBackward(unaryOp, a, (float[]) y, (float[]) z, o, from, to);
                case BINARY -> FloatKernels.binary(binaryOp, a, (float[]) y, o, from, to);
                case ROW_VECTOR -> FloatKernels.binaryRowVector(binaryOp, a, (float[]) y, cols, o, from, to);
                case AXPY -> FloatKernels.axpy(alpha, a, o, from, to);
                case SUM_COLUMNS -> FloatKernels.sumColumns(a, cols, o, from, to);
            }
        } else {
            double[] o = (double[]) out;
            double[] a = (double[]) x;
            switch (kind) {
                case UNARY -> DoubleKernels.unary(unaryOp, a, o, from, to);
                case UNARY_BACKWARD -> DoubleKernels.unaryBackward(unaryOp, a, (double[]) y, (double[]) z, o, from, to);
                case BINARY -> DoubleKernels.binary(binaryOp, a, (double[]) y, o, from, to);
                case ROW_VECTOR -> DoubleKernels.binaryRowVector(binaryOp, a, (double[]) y, cols, o, from, to);
                case AXPY -> DoubleKernels.axpy(alpha, a, o, from, to);
                case SUM_COLUMNS -> DoubleKernels.sumColumns(a, cols, o, from, to);
            }
        }
    }
}
