package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;

/**
 * Runs the conformance suite on the test-only {@link ReferenceBackend}: proves the suite in
 * {@code nn-core} and is the template for every backend module's own subclass.
 */
class ReferenceBackendConformanceTest extends BackendConformanceTest {
    private final AtomicInteger created = new AtomicInteger();

    @Override
    protected Backend createBackend() {
        created.incrementAndGet();
        return new ReferenceBackend();
    }

    /** The nested groups share one backend: creating one may be expensive (native libraries, thread pools). */
    @AfterAll
    void backendWasCreatedOnce() {
        assertEquals(1, created.get(), "createBackend() calls for the whole suite");
    }
}
