package org.nnfs.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * Runs the float32 Vector API kernels of a dense network's training step on small data in a background thread,
 * once per JVM, so that the JIT compiles them while the program is still loading its data.
 *
 * <p>Why: until C2 has compiled a loop, every Vector API operation in it allocates a box and runs lane by
 * lane through a generic fallback, about a hundred times slower than scalar code. Left to the training
 * loop, that cost falls on its first dozens of steps (the first step of the MNIST MLP took 0.7 s, the
 * next thirty 10 to 40 ms each instead of 1.5). Small problems reach the compile thresholds at a fraction
 * of that cost, on the second core, while the caller reads its data set.
 *
 * <p>What such a step runs is warmed on the full small problem, the batch's gather and the products first
 * (most of a step's time): the four GEMM layouts, the bias row, ReLU and its derivative, softmax, the loss
 * gradient's element-wise operations, the column sums of the bias gradient and the update. Every other
 * operation runs on a few dozen elements only: enough for the JIT's profile to know that the branch is taken,
 * so that compiling the shared kernel for ReLU does not leave out sigmoid (a network using it would fall back
 * to the interpreter and wait for a recompilation), at a fraction of the cost of running GELU's series
 * interpreted on the whole problem.
 */
final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Rounds over the kernels: enough for C2's thresholds (about 15,000 loop iterations each). */
    private static final int ROUNDS = Integer.getInteger("nn.vector.warmupRounds", 400);
    /** Set by the program's first product ({@link #realWorkStarted}); ends the warm-up after its round. */
    private static volatile boolean realWork;

    private WarmUp() {
    }

    /** Starts the warm-up thread unless it has been started before. */
    static void startOnce() {
        if (STARTED.compareAndSet(false, true) && ROUNDS > 0) {
            Thread t = new Thread(() -> run(ROUNDS, () -> realWork), "nn-vector-warmup");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Says that the program runs products of its own: from then on its own work drives the JIT, and a warm-up
     * still running would take a core from it (and from the compiler threads) while its step runs.
     */
    static void realWorkStarted() {
        if (!realWork) {
            realWork = true;
        }
    }

    /**
     * Runs the float32 kernels {@code rounds} times, or until {@code stop} says so (asked once a round): a dense
     * network's step on small data, the rest on less.
     */
    static void run(int rounds, BooleanSupplier stop) {
        FloatGemm gemm = new FloatGemm(new Workers(1, "nn-vector-warmup"));
        int m = 91; // partial row panels of 12 and of 6; with A transposed, a narrow panel by columns (column tiles, 1 row vector)
        int k = 70;
        int n = 40; // a full panel and a narrow one
        float[] a = fill(m * k);
        float[] b = fill(k * n);
        float[] c = new float[m * n];
        float[] x = fill(m * n);
        float[] y = fill(m * n);
        float[] row = fill(n);
        int rows = 3; // the small problem: a vector or more per row and a scalar tail
        int cols = 21;
        float[] sx = fill(rows * cols);
        float[] sy = fill(rows * cols);
        float[] sc = new float[rows * cols];
        float[] srow = fill(cols);
        float[] scolumn = fill(rows);
        UnaryOp[] unary = UnaryOp.values();
        BinaryOp[] binary = BinaryOp.values();
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = (i * 7) % m;
        }
        float[] batch = new float[m * k];
        for (int round = 0; round < rounds && !stop.getAsBoolean(); round++) {
            FloatKernels.gatherRows(a, k, order, 0, batch, 0, m);
            gemm.gemm(false, false, 1, a, b, 0, c, m, n, k);
            gemm.gemm(true, false, 1, a, b, 1, c, m, n, k);
            gemm.gemm(false, true, 1, a, b, 0, c, m, n, k);
            gemm.gemm(true, true, 1, a, b, 1, c, m, n, k);
            FloatKernels.binaryRowVector(BinaryOp.ADD, x, row, n, c);
            FloatKernels.unary(UnaryOp.RELU, x, c);
            FloatKernels.unaryBackward(UnaryOp.RELU, x, y, x, c);
            FloatKernels.softmaxRows(x, n, c);
            FloatKernels.binary(BinaryOp.SUB, x, y, c);
            FloatKernels.binary(BinaryOp.MUL, x, y, c);
            FloatKernels.scale(0.5, x, c);
            FloatKernels.sumColumns(x, n, row);
            FloatKernels.axpy(-0.01, x, y);
            for (UnaryOp op : unary) {
                FloatKernels.unary(op, sx, sc);
                FloatKernels.unaryBackward(op, sx, sy, sx, sc);
            }
            for (BinaryOp op : binary) {
                FloatKernels.binary(op, sx, sy, sc);
                FloatKernels.binaryRowVector(op, sx, srow, cols, sc);
                FloatKernels.binaryColumnVector(op, sx, scolumn, cols, sc);
            }
            FloatKernels.affine(sx, 0.5, 0.25, sc);
        }
    }

    private static float[] fill(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (i % 17) * 0.125f - 1;
        }
        return v;
    }
}
