package org.nnfs.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

class Nd4jThreadsTest {

    private static void work(Backend b) {
        Tensor a = b.zeros(8, 8);
        Tensor c = b.zeros(8, 8);
        b.gemm(false, false, 1, a, a, 0, c);
        b.unary(UnaryOp.TANH, a, c);
    }

    /** OpenBLAS follows the backend; libnd4j always runs on one thread (see Nd4jThreads for why). */
    private static void assertThreads(int expected) throws Exception {
        var ops = Nd4jRuntime.get().nativeOps;
        assertEquals(expected, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads");
        assertEquals(1, ops.ompGetMaxThreads(), "libnd4j OpenMP threads");
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "libnd4j master threads");
        assertEquals("libnd4j 1, OpenBLAS " + expected, Nd4jThreads.describe(ops));
    }

    @Test
    @DisplayName("each backend's thread count is in force while its kernels run, though ND4J's is global")
    void eachBackendAppliesItsThreadCount() throws Exception {
        Backend one = Backends.get("nd4j", 1);
        Backend two = Backends.get("nd4j", 2);
        work(one);
        assertThreads(1);
        work(two);
        assertThreads(2);
        work(one);
        assertThreads(1);
        Backend byDefault = Backends.get("nd4j");
        work(byDefault);
        assertThreads(Runtime.getRuntime().availableProcessors());
    }
}
