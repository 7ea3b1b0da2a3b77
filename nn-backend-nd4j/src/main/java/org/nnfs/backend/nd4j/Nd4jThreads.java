package org.nnfs.backend.nd4j;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;

/**
 * ND4J's thread counts, which are process-wide: OpenBLAS has one pool and libnd4j another.
 *
 * <p><b>OpenBLAS gets the backend's threads; libnd4j gets one.</b> Both pools spin while they wait for
 * work, so on a 2-core machine alternating a 2-thread GEMM with a 2-thread libnd4j transform makes each
 * pool wait for cores the other is spinning on. Measured for one training step of a 784-100-200-10 MLP,
 * batch 512 (ND4J 1.0.0-M2.1, 2-core EPYC, quiet machine): both pools at 2 threads 10.0 ms (softmax's
 * exp alone 4.6 ms, the GEMM after it 3.5 ms); both at 1 thread 2.5 ms; OpenBLAS 2 and libnd4j 1
 * thread 1.6 ms. The transforms libnd4j runs here (softmax, activations) are small next to the GEMMs.
 *
 * <p>libnd4j uses min({@code setOmpNumThreads}, {@code Environment.setMaxMasterThreads}) threads, so both
 * are set ({@code Environment.setMaxThreads} only ever raises its value); OpenBLAS is set through ND4J's
 * {@code Blas.setMaxThreads} ({@code blas_set_num_threads}). The environment variable
 * {@code OMP_NUM_THREADS} would work only before ND4J starts, so it is not used.
 *
 * <p>Two backends with different thread counts may exist in one process (a benchmark comparing 1 and 2
 * threads), so each backend calls {@link #use} before its BLAS calls; the setting changes only when the
 * count differs from the last one applied, which costs one volatile read otherwise.
 */
final class Nd4jThreads {
    private static volatile int blasThreads;

    private Nd4jThreads() {
    }

    /**
     * The default: one thread per core. On the quiet 2-core machine a training step of the MLP above
     * took 1.5-2.4 ms with 2 threads against 2.4-2.5 ms with 1 (the large GEMMs: 130-230 GFLOP/s against
     * 105-120), never slower. With other processes busy on the cores it turns around (2.9-7.1 ms
     * against 2.6-2.7 ms), because a 2-thread GEMM waits for its descheduled half; pass 1 there.
     */
    static int defaultCount() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Makes libnd4j single-threaded; called once, when ND4J starts. */
    static void initNative(NativeOps nativeOps) {
        nativeOps.setOmpNumThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    /** Makes OpenBLAS use {@code threads} threads from now on. */
    static void use(int threads) {
        if (blasThreads != threads) {
            apply(threads);
        }
    }

    private static synchronized void apply(int threads) {
        if (blasThreads != threads) {
            Nd4j.factory().blas().setMaxThreads(threads);
            blasThreads = threads;
        }
    }

    /** What is in effect: libnd4j's and OpenBLAS's thread counts. */
    static String describe(NativeOps nativeOps) {
        Environment env = Nd4j.getEnvironment();
        return "libnd4j " + Math.min(nativeOps.ompGetMaxThreads(), env.maxMasterThreads())
                + ", OpenBLAS " + Nd4j.factory().blas().getMaxThreads();
    }
}
