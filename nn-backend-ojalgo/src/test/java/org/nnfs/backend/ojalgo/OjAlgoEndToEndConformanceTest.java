package org.nnfs.backend.ojalgo;

import org.nnfs.model.EndToEndConformanceTest;
import org.nnfs.tensor.Backend;

/**
 * The library as its users meet it, from nn-core's test-jar (binary classification, regression, loss
 * checks, data in and out, allocation-free and concurrent inference) on ojAlgo with two threads.
 */
class OjAlgoEndToEndConformanceTest extends EndToEndConformanceTest {
    @Override
    protected Backend createBackend() {
        return new OjAlgoBackend(2);
    }
}
