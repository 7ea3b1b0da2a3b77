package org.nnfs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** {@link ServiceLoader} discovery that skips a broken provider instead of stopping at it. */
public final class Services {
    private Services() {
    }

    /**
     * Every provider of {@code type} on the class path that can be instantiated. Each one that cannot
     * (a missing class, a throwing constructor) is passed to {@code broken} with the loader's message,
     * and discovery goes on with the others.
     */
    public static <T> List<T> load(Class<T> type, Consumer<String> broken) {
        List<T> found = new ArrayList<>();
        var iterator = ServiceLoader.load(type).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return found;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                broken.accept(e.getMessage());
            }
        }
    }
}
