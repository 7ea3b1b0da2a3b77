package org.nnfs.backend.ojalgo;

import org.nnfs.model.NetworkConformanceTest;
import org.nnfs.tensor.Backend;

/**
 * The network library's contract from nn-core's test-jar (gradient checks, training, determinism,
 * resumption, model files) on ojAlgo with two threads.
 */
class OjAlgoNetworkConformanceTest extends NetworkConformanceTest {
    @Override
    protected Backend createBackend() {
        return new OjAlgoBackend(2);
    }
}
