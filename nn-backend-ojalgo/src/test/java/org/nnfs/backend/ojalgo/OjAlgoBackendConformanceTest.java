package org.nnfs.backend.ojalgo;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendConformanceTest;

/**
 * The shared backend contract from nn-core's test-jar, run on ojAlgo with two threads so that ojAlgo's
 * multi-threaded product kernels are the ones checked (the single-threaded ones are covered by
 * {@link OjAlgoGemmTest}).
 */
class OjAlgoBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return new OjAlgoBackend(2);
    }
}
