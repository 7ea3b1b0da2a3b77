package org.nnfs.registry;

import java.util.Map;
import java.util.Optional;

import org.nnfs.init.Initializer;

/**
 * The checked settings a factory builds a component from: every given setting parsed to its type,
 * and every missing one with a default filled in. Read them with the getter of the setting's type.
 */
public final class Settings {
    private final String component;
    private final Map<String, Object> values;

    Settings(String component, Map<String, Object> values) {
        this.component = component;
        this.values = Map.copyOf(values);
    }

    /** Whether the setting was given or has a default (false only for an optional setting left out). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** An {@link Setting.Type#INTEGER} setting. */
    public int integer(String name) {
        return get(name, Integer.class);
    }

    /** A {@link Setting.Type#REAL} setting. */
    public double real(String name) {
        return get(name, Double.class);
    }

    /** A {@link Setting.Type#BOOLEAN} setting. */
    public boolean flag(String name) {
        return get(name, Boolean.class);
    }

    /** A {@link Setting.Type#TEXT} setting. */
    public String text(String name) {
        return get(name, String.class);
    }

    /** An {@link Setting.Type#INITIALIZER} setting, empty when it is optional and was left out. */
    public Optional<Initializer> initializer(String name) {
        return has(name) ? Optional.of(get(name, Initializer.class)) : Optional.empty();
    }

    private <V> V get(String name, Class<V> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(component + ": setting '" + name + "' was not given and has no default");
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException(component + ": setting '" + name + "' is " + v.getClass().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public String toString() {
        return component + " " + values;
    }
}
