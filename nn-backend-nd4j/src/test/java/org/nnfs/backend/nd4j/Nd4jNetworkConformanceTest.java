package org.nnfs.backend.nd4j;

import org.nnfs.model.NetworkConformanceTest;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/**
 * The network library's contract from nn-core's test-jar (gradient checks, training, determinism,
 * resumption, model files) on ND4J with two threads.
 */
class Nd4jNetworkConformanceTest extends NetworkConformanceTest {
    @Override
    protected Backend createBackend() {
        return Backends.get("nd4j", 2);
    }
}
