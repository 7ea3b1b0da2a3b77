package org.nnfs.backend.vector;

import org.nnfs.tensor.BackendException;
import org.nnfs.tensor.Backends;

/**
 * Run by {@link VectorBackendProviderTest} in a child JVM started <em>without</em>
 * {@code --add-modules jdk.incubator.vector}: prints what a user of such a JVM sees, one fact per line.
 */
public final class WithoutVectorModule {
    private WithoutVectorModule() {
    }

    /** Prints the module check, the listed backends, the error for "vector", and the automatic choice. */
    public static void main(String[] args) {
        System.out.println("module present: " + ModuleLayer.boot().findModule(VectorBackendProvider.MODULE).isPresent());
        System.out.println("names: " + Backends.names());
        try {
            Backends.get(VectorBackendProvider.NAME);
            System.out.println("vector: created");
        } catch (BackendException e) {
            System.out.println("vector: " + e.getMessage().replace("\n", " | ")); // one line per fact
        }
        System.out.println("default: " + Backends.get().name());
    }
}
