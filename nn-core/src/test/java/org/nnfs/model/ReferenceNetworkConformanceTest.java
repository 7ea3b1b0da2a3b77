package org.nnfs.model;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/** The network suite on the plain-Java reference backend, which proves the suite itself. */
class ReferenceNetworkConformanceTest extends NetworkConformanceTest {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
