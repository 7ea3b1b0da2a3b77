package org.nnfs.backend.nd4j;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;

/**
 * ND4J's thread counts, which are process-wide: OpenBLAS has one pool and libnd4j another.
 *
 * <p>Measured on ND4J 1.0.0-M2.1 (libnd4j tanh over 512×200): libnd4j uses
 * min({@code setOmpNumThreads}, {@code Environment.setMaxMasterThreads}) threads, so both are set;
 * {@code Environment.setMaxThreads} can only raise its value and does not limit anything. OpenBLAS is set
 * through ND4J's {@code Blas.setMaxThreads} ({@code blas_set_num_threads}). Setting the environment
 * variable {@code OMP_NUM_THREADS} only works before ND4J starts, so it is not used.
 *
 * <p>Two backends with different thread counts may exist in one process (a benchmark comparing 1 and 2
 * threads), so each backend calls {@link #use} before its native kernels; the settings change only when
 * the count differs from the last one applied, which costs one volatile read otherwise.
 */
final class Nd4jThreads {
    private static volatile int applied;

    private Nd4jThreads() {
    }

    /** The default: one thread per core, which measured fastest for the MLP's shapes (see the report). */
    static int defaultCount() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Makes ND4J's native code use {@code threads} threads from now on. */
    static void use(NativeOps nativeOps, int threads) {
        if (applied != threads) {
            apply(nativeOps, threads);
        }
    }

    private static synchronized void apply(NativeOps nativeOps, int threads) {
        if (applied == threads) {
            return;
        }
        nativeOps.setOmpNumThreads(threads);
        Environment env = Nd4j.getEnvironment();
        if (env.maxThreads() < threads) {
            env.setMaxThreads(threads);
        }
        env.setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        applied = threads;
    }

    /** What is in effect, for descriptions and tests: libnd4j's and OpenBLAS's counts. */
    static String describe(NativeOps nativeOps) {
        Environment env = Nd4j.getEnvironment();
        return "libnd4j " + Math.min(nativeOps.ompGetMaxThreads(), env.maxMasterThreads())
                + ", OpenBLAS " + Nd4j.factory().blas().getMaxThreads();
    }
}
