package org.nnfs.tensor;

import java.util.List;

/**
 * Finds tensor backends on the class path and chooses one.
 *
 * <pre>{@code
 * Backend b = Backends.get();          // -Dnn.backend, else NN_BACKEND, else best available
 * Backend n = Backends.get("ojalgo");  // by name
 * }</pre>
 *
 * <p>See {@link BackendRegistry} for the rules. The class path is scanned once, on first use.
 */
public final class Backends {
    /** System property naming the backend to use: {@code -Dnn.backend=ojalgo}. */
    public static final String PROPERTY = "nn.backend";
    /** Environment variable naming the backend to use when the property is not set. */
    public static final String ENVIRONMENT = "NN_BACKEND";

    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.fromServiceLoader();
    }

    /** The registry built from the class path. */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /** The configured backend, or the available one of highest priority; see {@link BackendRegistry#get()}. */
    public static Backend get() {
        return registry().get();
    }

    /** The backend called {@code name}, or the configured one when {@code name} is null or blank. */
    public static Backend get(String name) {
        return registry().get(name, 0);
    }

    /** As {@link #get(String)}, with {@code threads} threads ({@code 0}: the backend's default). */
    public static Backend get(String name, int threads) {
        return registry().get(name, threads);
    }

    /**
     * As {@link #get(String, int)}, saying in error messages where {@code name} came from (for example
     * {@code "--backend"}).
     */
    public static Backend get(String name, int threads, String requestedBy) {
        return registry().get(name, threads, requestedBy);
    }

    /** The registered backend names, highest priority first; loads no native code. */
    public static List<String> names() {
        return registry().names();
    }

    /** What discovery found, for logs and {@code --help} output. */
    public static String describe() {
        return registry().describe();
    }
}
