package org.nnfs.backend.vector;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendConformanceTest;

/**
 * The shared backend contract from nn-core's test-jar, run with two threads so that the split GEMM is
 * the one checked where products are large enough (the single-threaded path is checked on the small ones
 * and in {@link VectorGemmTest}).
 */
class VectorBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return new VectorBackend(2);
    }
}
