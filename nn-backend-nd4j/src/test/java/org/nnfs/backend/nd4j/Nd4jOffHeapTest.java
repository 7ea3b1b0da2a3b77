package org.nnfs.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Runs the operations of a training loop 20,000 times on preallocated tensors and checks that nothing
 * grows: libnd4j's own allocation counter, JavaCPP's count of the native memory it allocated, the
 * process's resident memory, and the Java heap allocated by the calling thread.
 *
 * <p>The loop calls the kernels ({@code do*}) directly, so that the heap figure measures this module; the
 * public methods add nn-core's validation on top, which {@link #publicOperationsDoNotGrowNativeMemory}
 * runs for the native counters. ND4J frees
 * native memory when the Java objects owning it are collected, so a leak of garbage shows up in the
 * counters only between collections; since the loop creates no garbage at all, no collection is needed
 * for the numbers to stay flat, and the bounds can be tight for the exact counters.
 */
class Nd4jOffHeapTest {
    private static final int ITERATIONS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Preallocated buffers of a small MLP (32-64-10, batch 64): the sizes don't matter for leaks, the calls do. */
    private static final class Loop {
        final Nd4jBackend b;
        final int batch = 64;
        final Tensor data;
        final Tensor x;
        final Tensor w1;
        final Tensor b1;
        final Tensor z1;
        final Tensor h1;
        final Tensor w2;
        final Tensor z2;
        final Tensor p;
        final Tensor y;
        final Tensor dz2;
        final Tensor dw2;
        final Tensor db2;
        final Tensor dh1;
        final Tensor dz1;
        final Tensor dw1;
        final Tensor db1;
        final int[] order = new int[256];
        final int[] predicted = new int[64];
        final float[] hostIn = new float[64 * 10];
        final double[] hostOut = new double[64 * 10];

        Loop(Nd4jBackend b) {
            this.b = b;
            data = b.zeros(256, 32);
            x = b.zeros(batch, 32);
            w1 = b.zeros(32, 64);
            b1 = b.zeros(1, 64);
            z1 = b.zeros(batch, 64);
            h1 = b.zeros(batch, 64);
            w2 = b.zeros(64, 10);
            z2 = b.zeros(batch, 10);
            p = b.zeros(batch, 10);
            y = b.zeros(batch, 10);
            dz2 = b.zeros(batch, 10);
            dw2 = b.zeros(64, 10);
            db2 = b.zeros(1, 10);
            dh1 = b.zeros(batch, 64);
            dz1 = b.zeros(batch, 64);
            dw1 = b.zeros(32, 64);
            db1 = b.zeros(1, 64);
            b.fill(0.01, w1);
            b.fill(-0.02, w2);
            b.fill(0.5, data);
            for (int i = 0; i < order.length; i++) {
                order[i] = (i * 37) % order.length;
            }
        }

        /** One step: gather, forward, loss gradient, backward, SGD, plus the host copies of a real loop. */
        void step(int i) {
            b.doGatherRows(data, order, (i % 4) * batch, x);
            b.doCopyFrom(hostIn, 0, y, 0, y.size());
            b.doGemm(false, false, 1, x, w1, 0, z1);
            b.doBinaryRowVector(BinaryOp.ADD, z1, b1, z1);
            b.doUnary(UnaryOp.RELU, z1, h1);
            b.doUnary(UnaryOp.TANH, z1, dh1);
            b.doGemm(false, false, 1, h1, w2, 0, z2);
            b.doSoftmaxRows(z2, p);
            b.doBinary(BinaryOp.SUB, p, y, dz2);
            b.doGemm(true, false, 1, h1, dz2, 0, dw2);
            b.doSumColumns(dz2, db2);
            b.doGemm(false, true, 1, dz2, w2, 0, dh1);
            b.doUnaryBackward(UnaryOp.RELU, z1, h1, dh1, dz1);
            b.doGemm(true, false, 1, x, dz1, 0, dw1);
            b.doSumColumns(dz1, db1);
            b.doAxpy(-0.01, dw1, w1);
            b.doAxpy(-0.01, db1, b1);
            b.doAffine(dw2, -0.01, 0, dw2);
            b.doBinary(BinaryOp.ADD, w2, dw2, w2);
            b.doArgmaxRows(p, predicted);
            b.doCopyTo(p, hostOut);
        }

        /** {@link #step} through the public, validating operations. */
        void publicStep(int i) {
            b.gatherRows(data, order, (i % 4) * batch, x);
            b.copyFrom(hostIn, y);
            b.gemm(false, false, 1, x, w1, 0, z1);
            b.addRowVector(z1, b1, z1);
            b.unary(UnaryOp.RELU, z1, h1);
            b.unary(UnaryOp.TANH, z1, dh1);
            b.gemm(false, false, 1, h1, w2, 0, z2);
            b.softmaxRows(z2, p);
            b.binary(BinaryOp.SUB, p, y, dz2);
            b.gemm(true, false, 1, h1, dz2, 0, dw2);
            b.sumColumns(dz2, db2);
            b.gemm(false, true, 1, dz2, w2, 0, dh1);
            b.unaryBackward(UnaryOp.RELU, z1, h1, dh1, dz1);
            b.gemm(true, false, 1, x, dz1, 0, dw1);
            b.sumColumns(dz1, db1);
            b.axpy(-0.01, dw1, w1);
            b.axpy(-0.01, db1, b1);
            b.scale(-0.01, dw2, dw2);
            b.binary(BinaryOp.ADD, w2, dw2, w2);
            b.argmaxRows(p, predicted);
            b.copyTo(p, hostOut);
        }
    }

    private static long nd4jCounter() {
        return Nd4j.getEnvironment().getDeviceCouner(0);
    }

    @Test
    @DisplayName("20,000 training steps on preallocated tensors allocate no native memory and no heap")
    void trainingLoopDoesNotGrow() {
        Nd4jBackend b = (Nd4jBackend) Backends.get("nd4j");
        Loop loop = new Loop(b);

        // The probe must be able to see an allocation at all: a new 1 MB tensor moves libnd4j's counter.
        long before = nd4jCounter();
        Tensor probe = b.zeros(512, 512);
        assertTrue(nd4jCounter() - before >= 512 * 512 * 4,
                "libnd4j's allocation counter did not see a 1 MB tensor: " + before + " -> " + nd4jCounter());

        for (int i = 0; i < 2_000; i++) { // warm-up: JIT, OpenBLAS buffers, thread pools
            loop.step(i);
        }
        long tid = Thread.currentThread().getId();
        long counter0 = nd4jCounter();
        long javacpp0 = Pointer.totalBytes();
        long rss0 = Pointer.physicalBytes();
        long heap0 = THREADS.getThreadAllocatedBytes(tid);

        for (int i = 0; i < ITERATIONS; i++) {
            loop.step(i);
        }

        long heap = THREADS.getThreadAllocatedBytes(tid) - heap0;
        long counter = nd4jCounter() - counter0;
        long javacpp = Pointer.totalBytes() - javacpp0;
        long rss = Pointer.physicalBytes() - rss0;
        String numbers = String.format("after %d steps: libnd4j counter %+d B, JavaCPP total %+d B, RSS %+d KB, "
                + "heap %d B (%.2f B/step)", ITERATIONS, counter, javacpp, rss / 1024, heap, heap / (double) ITERATIONS);
        System.out.println("[nd4j off-heap] " + numbers);

        // Exact counters: a leak of one small buffer per step would be >= 20,000 × 16 B = 320 KB.
        assertTrue(counter <= 16 * 1024, "libnd4j allocated memory grew; " + numbers);
        assertTrue(javacpp <= 16 * 1024, "JavaCPP-allocated memory grew; " + numbers);
        // RSS also moves with the JIT and the heap; it is a coarse check against large native leaks only.
        assertTrue(rss <= 64L * 1024 * 1024, "resident memory grew; " + numbers);
        // ND4J's op-object path would create 300-8000 B per call, i.e. many KB per step.
        assertTrue(heap <= 8L * ITERATIONS, "the kernels allocate on the Java heap; " + numbers);
        assertTrue(probe.size() > 0);
    }

    @Test
    @DisplayName("the public operations (validation included) allocate no native memory either")
    void publicOperationsDoNotGrowNativeMemory() {
        Loop loop = new Loop((Nd4jBackend) Backends.get("nd4j"));
        for (int i = 0; i < 2_000; i++) {
            loop.publicStep(i);
        }
        long tid = Thread.currentThread().getId();
        long counter0 = nd4jCounter();
        long javacpp0 = Pointer.totalBytes();
        long heap0 = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ITERATIONS; i++) {
            loop.publicStep(i);
        }
        long heap = THREADS.getThreadAllocatedBytes(tid) - heap0;
        long counter = nd4jCounter() - counter0;
        long javacpp = Pointer.totalBytes() - javacpp0;
        String numbers = String.format("public API, after %d steps: libnd4j counter %+d B, JavaCPP total %+d B, "
                + "heap %.1f B/step (nn-core's validation)", ITERATIONS, counter, javacpp, heap / (double) ITERATIONS);
        System.out.println("[nd4j off-heap] " + numbers);
        assertTrue(counter <= 16 * 1024, "libnd4j allocated memory grew; " + numbers);
        assertTrue(javacpp <= 16 * 1024, "JavaCPP-allocated memory grew; " + numbers);
    }
}
