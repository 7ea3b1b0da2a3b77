package org.nnfs.bench;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/** How benchmarks obtain the backend named by their {@code backend} parameter. */
public final class BenchBackends {
    /**
     * Added to every forked benchmark JVM: the {@code vector} backend and the peak-FMA probe run on the
     * Vector API, an incubator module the JVM resolves only when asked.
     */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    private BenchBackends() {
    }

    /**
     * The backend called {@code name} with its default thread count (all cores), through the SPI only:
     * nn-bench compiles against nn-core and finds backends on the class path.
     *
     * @throws IllegalStateException naming what is on the class path when the backend is missing
     */
    public static Backend open(String name) {
        if (!Backends.names().contains(name)) {
            throw new IllegalStateException("Backend '" + name + "' is not on the class path. Expected one of "
                    + Backends.names() + ". " + Backends.describe());
        }
        return Backends.get(name);
    }
}
