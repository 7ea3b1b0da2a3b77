package org.nnfs.backend.vector;

import org.nnfs.model.EndToEndConformanceTest;
import org.nnfs.tensor.Backend;

/**
 * The library as its users meet it, from nn-core's test-jar (binary classification, regression, loss
 * checks, data in and out, allocation-free and concurrent inference) on the Vector API backend with two threads.
 */
class VectorEndToEndConformanceTest extends EndToEndConformanceTest {
    @Override
    protected Backend createBackend() {
        return new VectorBackend(2);
    }
}
