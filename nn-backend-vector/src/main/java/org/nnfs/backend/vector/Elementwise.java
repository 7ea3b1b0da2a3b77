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
    // The call in progress: ranges [chunk·step, (chunk + 1)·step) of `extent` elements, rows or columns.
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

    void unary(UnaryOp op, float[] a, float[] o) {
        if (!start(o.length)) {
            FloatKernels.unary(op, a, o);
            return;
        }
        unaryOp = op;
        run(Kind.UNARY, a, null, null, o, 0, o.length, FLOAT_LANES, o.length);
    }

    void unary(UnaryOp op, double[] a, double[] o) {
        if (!start(o.length)) {
            DoubleKernels.unary(op, a, o);
            return;
        }
        unaryOp = op;
        run(Kind.UNARY, a, null, null, o, 0, o.length, DOUBLE_LANES, o.length);
    }

    void unaryBackward(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx) {
        if (!start(dx.length)) {
            FloatKernels.unaryBackward(op, x, y, dy, dx);
            return;
        }
        unaryOp = op;
        run(Kind.UNARY_BACKWARD, x, y, dy, dx, 0, dx.length, FLOAT_LANES, dx.length);
    }

    void unaryBackward(UnaryOp op, double[] x, double[] y, double[] dy, double[] dx) {
        if (!start(dx.length)) {
            DoubleKernels.unaryBackward(op, x, y, dy, dx);
            return;
        }
        unaryOp = op;
        run(Kind.UNARY_BACKWARD, x, y, dy, dx, 0, dx.length, DOUBLE_LANES, dx.length);
    }

    void binary(BinaryOp op, float[] a, float[] b, float[] o) {
        if (!start(o.length)) {
            FloatKernels.binary(op, a, b, o);
            return;
        }
        binaryOp = op;
        run(Kind.BINARY, a, b, null, o, 0, o.length, FLOAT_LANES, o.length);
    }

    void binary(BinaryOp op, double[] a, double[] b, double[] o) {
        if (!start(o.length)) {
            DoubleKernels.binary(op, a, b, o);
            return;
        }
        binaryOp = op;
        run(Kind.BINARY, a, b, null, o, 0, o.length, DOUBLE_LANES, o.length);
    }

    void binaryRowVector(BinaryOp op, float[] a, float[] row, int cols, float[] o) {
        if (cols == 0 || !start(o.length)) {
            FloatKernels.binaryRowVector(op, a, row, cols, o);
            return;
        }
        binaryOp = op;
        run(Kind.ROW_VECTOR, a, row, null, o, cols, o.length / cols, 1, o.length);
    }

    void binaryRowVector(BinaryOp op, double[] a, double[] row, int cols, double[] o) {
        if (cols == 0 || !start(o.length)) {
            DoubleKernels.binaryRowVector(op, a, row, cols, o);
            return;
        }
        binaryOp = op;
        run(Kind.ROW_VECTOR, a, row, null, o, cols, o.length / cols, 1, o.length);
    }

    void axpy(double alpha, float[] x, float[] y) {
        if (!start(y.length)) {
            FloatKernels.axpy(alpha, x, y);
            return;
        }
        this.alpha = alpha;
        run(Kind.AXPY, x, null, null, y, 0, y.length, FLOAT_LANES, y.length);
    }

    void axpy(double alpha, double[] x, double[] y) {
        if (!start(y.length)) {
            DoubleKernels.axpy(alpha, x, y);
            return;
        }
        this.alpha = alpha;
        run(Kind.AXPY, x, null, null, y, 0, y.length, DOUBLE_LANES, y.length);
    }

    /** Column sums split by columns, so only a wide array (many columns as well as values) is split. */
    void sumColumns(float[] a, int cols, float[] o) {
        if (cols < 2 * FLOAT_LANES || !start(a.length)) {
            FloatKernels.sumColumns(a, cols, o);
            return;
        }
        run(Kind.SUM_COLUMNS, a, null, null, o, cols, cols, FLOAT_LANES, a.length);
    }

    void sumColumns(double[] a, int cols, double[] o) {
        if (cols < 2 * DOUBLE_LANES || !start(a.length)) {
            DoubleKernels.sumColumns(a, cols, o);
            return;
        }
        run(Kind.SUM_COLUMNS, a, null, null, o, cols, cols, DOUBLE_LANES, a.length);
    }

    /**
     * Takes this object for a pass over {@code values} values when that is worth splitting; false, leaving it
     * free, when the caller should run the pass itself.
     */
    private boolean start(int values) {
        return workers.size() > 1 && values >= PARALLEL_VALUES && busy.tryLock();
    }

    /**
     * Runs the pass over {@code extent} units (values, rows or columns; {@code values} values in all), in
     * chunks of whole groups of {@code align} units, then releases this object.
     */
    private void run(Kind kind, Object x, Object y, Object z, Object out, int cols, int extent, int align,
                     int values) {
        try {
            this.kind = kind;
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
        int to = Math.min(extent, from + step);
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
