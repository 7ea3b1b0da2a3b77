package org.nnfs.registry;

import java.util.Map;

import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.LayerRunner;

/**
 * A layer class that is never registered: if anything loads and initialises it (a reader calling
 * {@code Class.forName} on a name from a file), its static initializer records it in
 * {@link RegistryTest#trapInitialized} (a field here would itself initialise the class when read).
 */
public final class TrapLayer implements Layer {
    static {
        RegistryTest.trapInitialized = true;
    }

    @Override
    public String type() {
        return "trap";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        throw new AssertionError("a trap layer never runs");
    }
}
