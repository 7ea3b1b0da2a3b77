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
 * <p>What such a step runs is warmed on the small problem, the batch's gather and the products first: the
 * four GEMM layouts and the three shapes of a classifier's 10-wide last layer, the bias row, ReLU and its
 * derivative, softmax over 10 columns, the loss gradient's element-wise operations, the column sums of the
 * bias gradient and the update. Every other operation runs on a few dozen elements only: enough for the JIT's
 * profile to know that the branch is taken, so that compiling the shared kernel for ReLU does not leave out
 * sigmoid (a network using it would fall back to the interpreter and wait for a recompilation), at a fraction
 * of the cost of running GELU's series interpreted on the whole problem.
 *
 * <p>Why the problem is this small and the passes are cut in {@value #PARTS} ranges: C2 compiles a method
 * once it has been called some 600 times and run some 15,000 loop iterations, so calls count, not work. A
 * round is cheap (the products have {@code k = 24}, the passes 640 values) and calls each kernel's range
 * form several times, as {@link Elementwise} does for its threads. With one call per kernel a round and
 * products at {@code k = 70}, the MNIST app's warm-up got through 40-170 of its rounds before training
 * began; C2 had not yet compiled the column sums, the update and the softmax (or had deoptimized them: the
 * 40-column softmax had never seen a tail), and the first epoch took 1.1-2.0 s (median 1.6) against about
 * 0.5 s for the others. Now it gets through 150-400 rounds, and the first epoch took 1.0-1.6 s (median 1.3;
 * twelve alternating runs each, Zen 3 with AVX2). What is left is mostly C2's queue, still compiling the
 * kernels when the first step starts.
 */
final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Rounds over the kernels: enough for C2's thresholds (see the class comment). */
    private static final int ROUNDS = Integer.getInteger("nn.vector.warmupRounds", 400);
    /** Set by the program's first product ({@link #realWorkStarted}); ends the warm-up after its round. */
    private static volatile boolean realWork;
    /** Ranges each element-wise pass is cut into, as {@link Elementwise} cuts a large one for its threads. */
    private static final int PARTS = 4;

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
        int k = 24;
        int n = 40; // full panels (two with AVX2, one with AVX-512) and a narrow one
        int narrow = 10; // the last layer of a classifier: one panel wider than a vector, stored at its edge
        float[] a = fill(m * k);
        float[] b = fill(k * n);
        float[] c = new float[m * n];
        // The step's element-wise passes run on 16 rows of 40 in PARTS ranges, as Elementwise splits them.
        int rows = 16;
        int cols = 40;
        float[] x = fill(rows * cols);
        float[] y = fill(rows * cols);
        float[] z = new float[rows * cols];
        float[] row = fill(cols);
        float[] logits = fill(rows * narrow);
        int smallRows = 3; // the small problem: a vector or more per row and a scalar tail
        int smallCols = 21;
        float[] sx = fill(smallRows * smallCols);
        float[] sy = fill(smallRows * smallCols);
        float[] sc = new float[smallRows * smallCols];
        float[] srow = fill(smallCols);
        float[] scolumn = fill(smallRows);
        UnaryOp[] unary = UnaryOp.values();
        BinaryOp[] binary = BinaryOp.values();
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = (i * 7) % m;
        }
        float[] batch = new float[m * k];
        int values = rows * cols;
        for (int round = 0; round < rounds && !stop.getAsBoolean(); round++) {
            for (int part = 0; part < PARTS; part++) {
                FloatKernels.gatherRows(a, k, order, 0, batch, part * m / PARTS, (part + 1) * m / PARTS);
            }
            gemm.gemm(false, false, 1, a, b, 0, c, m, n, k);
            gemm.gemm(true, false, 1, a, b, 1, c, m, n, k);
            gemm.gemm(false, true, 1, a, b, 0, c, m, n, k);
            gemm.gemm(true, true, 1, a, b, 1, c, m, n, k);
            gemm.gemm(false, false, 1, a, b, 0, c, m, narrow, k);
            gemm.gemm(true, false, 1, a, b, 0, c, m, narrow, k);
            gemm.gemm(false, true, 1, c, a, 0, batch, m, k, narrow);
            for (int part = 0; part < PARTS; part++) {
                // Values and rows as Elementwise cuts them; the column ranges end off the vector grid, so the
                // column sums' scalar tail runs too. Softmax and scaling are not split; they run once a part
                // for the calls.
                int from = part * values / PARTS;
                int to = (part + 1) * values / PARTS;
                int r0 = part * rows / PARTS;
                int r1 = (part + 1) * rows / PARTS;
                FloatKernels.binaryRowVector(BinaryOp.ADD, x, row, cols, z, r0, r1);
                FloatKernels.unary(UnaryOp.RELU, x, z, from, to);
                FloatKernels.unaryBackward(UnaryOp.RELU, x, y, x, z, from, to);
                FloatKernels.binary(BinaryOp.SUB, x, y, z, from, to);
                FloatKernels.binary(BinaryOp.MUL, x, y, z, from, to);
                FloatKernels.axpy(-0.01, x, y, from, to);
                FloatKernels.sumColumns(x, cols, row, part * cols / PARTS, (part + 1) * cols / PARTS);
                FloatKernels.softmaxRows(logits, narrow, logits);
                FloatKernels.scale(0.5, logits, logits);
            }
            for (UnaryOp op : unary) {
                FloatKernels.unary(op, sx, sc);
                FloatKernels.unaryBackward(op, sx, sy, sx, sc);
            }
            for (BinaryOp op : binary) {
                FloatKernels.binary(op, sx, sy, sc);
                FloatKernels.binaryRowVector(op, sx, srow, smallCols, sc);
                FloatKernels.binaryColumnVector(op, sx, scolumn, smallCols, sc);
            }
            FloatKernels.softmaxRows(sx, smallCols, sc);
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
