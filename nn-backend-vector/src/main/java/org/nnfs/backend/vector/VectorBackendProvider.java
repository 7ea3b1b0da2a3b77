package org.nnfs.backend.vector;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;
import org.nnfs.tensor.BackendUnavailableException;

/**
 * Registers the Vector API backend with {@code org.nnfs.tensor.Backends}.
 *
 * <p>The JDK's Vector API is an incubator module, which the JVM resolves only when asked to:
 * {@code java --add-modules jdk.incubator.vector}. Without the flag the backend is listed but
 * {@link #create} reports it unavailable with that remedy, and automatic selection moves on to the next
 * backend. Nothing in this class refers to the incubator module's classes, so listing is always safe.
 *
 * <p>Priority 100, the highest of the project's backends: it trains the MNIST MLP fastest, measured on the
 * 2-core AVX-512 development machine (a training step in 0.94 ms against ND4J's 2.25 ms and ojAlgo's 15.2 ms,
 * and the app's default run end to end; see the README's "Choosing a backend"). Where the JVM lacks the
 * module, automatic selection passes it over for ND4J (90).
 */
public final class VectorBackendProvider implements BackendProvider {
    /** The name users select this backend by. */
    public static final String NAME = "vector";

    /** The JDK module holding the Vector API. */
    static final String MODULE = "jdk.incubator.vector";

    /** Why {@link #create} fails when the module is missing, and the remedy. */
    static final String UNAVAILABLE = "the JVM was started without --add-modules jdk.incubator.vector; add that flag"
            + " to the java command (or to MAVEN_OPTS / surefire argLine)";

    /** For {@link java.util.ServiceLoader}. */
    public VectorBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String description() {
        return "JDK Vector API (jdk.incubator.vector), pure Java, no native code; needs --add-modules "
                + MODULE;
    }

    /**
     * @param threads threads one GEMM may use; {@code 0} means one per available processor
     * @throws BackendUnavailableException when the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    @Override
    public Backend create(int threads) throws BackendUnavailableException {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the default) or positive, got " + threads);
        }
        requireVectorModule(ModuleLayer.boot());
        VectorBackend backend = new VectorBackend(threads == 0 ? defaultThreads() : threads);
        WarmUp.startOnce();
        return backend;
    }

    /** Throws the documented {@link BackendUnavailableException} unless {@code layer} holds the Vector API. */
    static void requireVectorModule(ModuleLayer layer) throws BackendUnavailableException {
        if (layer.findModule(MODULE).isEmpty()) {
            throw new BackendUnavailableException(UNAVAILABLE);
        }
    }

    /** The thread count used when none is asked for. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
