package org.nnfs.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>Only what such a step runs is warmed, the products first (most of a step's time): the four GEMM
 * layouts, the bias row, ReLU and its derivative, softmax, the loss gradient's element-wise operations, the
 * column sums of the bias gradient and the update. Other kernels (sigmoid, GELU, ...) cost the most to run
 * interpreted and would delay these on a two-core machine; a network that uses them compiles them in its
 * first steps, as without a warm-up.
 */
final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Rounds over the kernels: enough for C2's thresholds (about 15,000 loop iterations each). */
    private static final int ROUNDS = Integer.getInteger("nn.vector.warmupRounds", 400);

    private WarmUp() {
    }

    /** Starts the warm-up thread unless it has been started before. */
    static void startOnce() {
        if (STARTED.compareAndSet(false, true) && ROUNDS > 0) {
            Thread t = new Thread(() -> run(ROUNDS), "nn-vector-warmup");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Runs the float32 kernels of a dense network's training step {@code rounds} times on small data. */
    static void run(int rounds) {
        FloatGemm gemm = new FloatGemm(new Workers(1, "nn-vector-warmup"));
        int m = 60; // a partial row panel too
        int k = 70;
        int n = 40; // a full panel and a narrow one
        float[] a = fill(m * k);
        float[] b = fill(k * n);
        float[] c = new float[m * n];
        float[] x = fill(m * n);
        float[] y = fill(m * n);
        float[] row = fill(n);
        for (int round = 0; round < rounds; round++) {
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
