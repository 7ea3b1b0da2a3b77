package org.nnfs.mnist.testing;

import java.util.List;
import java.util.stream.Collectors;

import org.nnfs.tensor.Backends;

/** The backends the application ships with: every registered one but the test-only reference backend. */
public final class RealBackends {
    private RealBackends() {
    }

    /** Their names, highest priority first; a test fails, rather than skips, when one cannot start. */
    public static List<String> names() {
        List<String> names = Backends.names().stream().filter(n -> !n.equals("reference")).collect(Collectors.toList());
        if (names.isEmpty()) {
            throw new IllegalStateException("no real backend on the class path: " + Backends.describe());
        }
        return names;
    }
}
