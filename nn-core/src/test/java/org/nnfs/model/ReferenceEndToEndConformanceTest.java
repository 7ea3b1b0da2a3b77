package org.nnfs.model;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/** The end-to-end suite on the plain-Java reference backend, which proves the suite itself. */
class ReferenceEndToEndConformanceTest extends EndToEndConformanceTest {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
