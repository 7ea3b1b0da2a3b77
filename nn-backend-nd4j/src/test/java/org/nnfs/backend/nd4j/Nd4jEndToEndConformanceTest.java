package org.nnfs.backend.nd4j;

import org.nnfs.model.EndToEndConformanceTest;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/**
 * The library as its users meet it, from nn-core's test-jar (binary classification, regression, loss
 * checks, data in and out, allocation-free and concurrent inference) on ND4J with two threads.
 */
class Nd4jEndToEndConformanceTest extends EndToEndConformanceTest {
    @Override
    protected Backend createBackend() {
        return Backends.get("nd4j", 2);
    }
}
