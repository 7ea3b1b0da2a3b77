package org.nnfs.tensor;

/**
 * The service a backend module registers in
 * {@code META-INF/services/org.nnfs.tensor.BackendProvider} so that {@link Backends} finds it.
 *
 * <p>A provider must be cheap: constructing it and calling {@link #name}, {@link #priority} and
 * {@link #description} must not load native code or start threads, so that listing backends is
 * always safe. The heavy work happens in {@link #create}.
 */
public interface BackendProvider {

    /** The name users select this backend by: lower case, no spaces, e.g. {@code nd4j}. */
    String name();

    /** Rank among available backends when none is named; higher wins. */
    int priority();

    /** One line for listings: the library it wraps and what it costs to ship. */
    String description();

    /**
     * Builds the backend.
     *
     * @param threads number of threads its kernels may use; {@code 0} means the backend's default
     *                (all cores unless measured otherwise)
     * @throws BackendUnavailableException when the backend cannot run here (a native library failed to
     *                                     load, an unsupported platform); the message says why and what to do
     */
    Backend create(int threads) throws BackendUnavailableException;
}
