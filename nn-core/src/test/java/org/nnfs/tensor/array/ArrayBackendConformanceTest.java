package org.nnfs.tensor.array;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendConformanceTest;

/** The backend contract on {@link ArrayBackend}'s own kernels, both element types (see {@link OracleGemmBackend}). */
class ArrayBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return new OracleGemmBackend();
    }
}
