package org.nnfs.tensor;

/**
 * Registers the test-only {@link ReferenceBackend} under the name {@value ReferenceBackend#NAME}.
 *
 * <p>Its priority is very low so that, although this provider travels in {@code nn-core}'s test-jar onto
 * the test class path of every backend module, automatic selection there still picks the real backend.
 */
public final class ReferenceBackendProvider implements BackendProvider {
    /** Lower than any real backend. */
    public static final int PRIORITY = -100;

    /** For {@link java.util.ServiceLoader}. */
    public ReferenceBackendProvider() {
    }

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "plain Java loops, for tests only (nn-core test-jar)";
    }

    /** The backend is single-threaded: any {@code threads} value gives a one-thread backend. */
    @Override
    public Backend create(int threads) {
        return new ReferenceBackend();
    }
}
