package org.nnfs.backend.vector;

import org.nnfs.model.NetworkConformanceTest;
import org.nnfs.tensor.Backend;

/**
 * The network library's contract from nn-core's test-jar (gradient checks, training, determinism,
 * resumption, model files) on the Vector API backend with two threads.
 */
class VectorNetworkConformanceTest extends NetworkConformanceTest {
    @Override
    protected Backend createBackend() {
        return new VectorBackend(2);
    }
}
