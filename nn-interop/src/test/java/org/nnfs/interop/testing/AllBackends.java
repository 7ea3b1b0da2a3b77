package org.nnfs.interop.testing;

import java.util.List;

import org.nnfs.tensor.Backends;

/** Every backend on the test class path: nd4j, vector, ojalgo and nn-core's reference backend. */
public final class AllBackends {
    private AllBackends() {
    }

    /** Their names, highest priority first; a test fails, rather than skips, when one cannot start. */
    public static List<String> names() {
        List<String> names = Backends.names();
        for (String expected : List.of("nd4j", "vector", "ojalgo", "reference")) {
            if (!names.contains(expected)) {
                throw new IllegalStateException("backend '" + expected + "' is not on the class path: "
                        + Backends.describe());
            }
        }
        return names;
    }
}
