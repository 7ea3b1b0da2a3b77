package org.nnfs.backend.ojalgo;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;

/**
 * Registers the ojAlgo backend with {@code org.nnfs.tensor.Backends}. Pure Java, so it is always
 * available; its priority sits below the native ND4J backend's, which is faster where it loads.
 */
public final class OjAlgoBackendProvider implements BackendProvider {
    /** The name users select this backend by. */
    public static final String NAME = "ojalgo";

    /** For {@link java.util.ServiceLoader}. */
    public OjAlgoBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public String description() {
        return "ojAlgo " + OjAlgoBackend.OJALGO_VERSION + ", pure Java, no native code";
    }

    /**
     * @param threads threads one GEMM may use; {@code 0} means one per available processor, which
     *                measured fastest on the 2-core development machine (see nn-bench's {@code GemmThroughput})
     */
    @Override
    public Backend create(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the default) or positive, got " + threads);
        }
        return new OjAlgoBackend(threads == 0 ? defaultThreads() : threads);
    }

    /** The thread count used when none is asked for. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
