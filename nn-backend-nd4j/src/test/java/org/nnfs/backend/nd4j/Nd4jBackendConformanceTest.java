package org.nnfs.backend.nd4j;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendConformanceTest;
import org.nnfs.tensor.Backends;

/**
 * The shared backend contract from nn-core's test-jar, run on ND4J with two threads so that OpenBLAS's
 * multi-threaded GEMM is the one checked ({@link Nd4jKernelsTest} runs on the default count).
 */
class Nd4jBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return Backends.get("nd4j", 2);
    }
}
