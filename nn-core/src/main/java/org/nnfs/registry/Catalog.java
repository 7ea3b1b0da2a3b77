package org.nnfs.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registrations of one {@link Kind}: lookup by name (canonical or alias; {@code -} and {@code _}
 * alike, any case), creation from settings, and the text form {@code name(value, key=value)} that
 * command lines and model files use. Get one from {@link Registry}, e.g. {@link Registry#optimizers()}.
 *
 * @param <T> the components' type
 */
public final class Catalog<T> {
    private final Kind<T> kind;
    private final Registry registry;
    private final Map<String, Registration<T>> byName;
    private final List<Registration<T>> registrations;

    Catalog(Kind<T> kind, Registry registry, Map<String, Registration<T>> byName) {
        this.kind = kind;
        this.registry = registry;
        this.byName = Map.copyOf(byName);
        List<Registration<T>> unique = new ArrayList<>();
        for (Registration<T> r : byName.values()) {
            if (!unique.contains(r)) {
                unique.add(r);
            }
        }
        unique.sort(Comparator.comparing(Registration::name));
        this.registrations = List.copyOf(unique);
    }

    /** The kind. */
    public Kind<T> kind() {
        return kind;
    }

    /** Every registration, by canonical name. */
    public List<Registration<T>> registrations() {
        return registrations;
    }

    /** The canonical names, sorted. */
    public List<String> names() {
        return registrations.stream().map(Registration::name).toList();
    }

    /** Whether {@code name} finds a registration. */
    public boolean contains(String name) {
        return find(name).isPresent();
    }

    /** The registration {@code name} finds, if any. */
    public Optional<Registration<T>> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(Registry.normalize(name)));
    }

    /**
     * The registration {@code name} finds.
     *
     * @throws IllegalArgumentException listing every name: "Unknown optimizer. Expected one of {...}. Received: 'x'"
     */
    public Registration<T> get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown " + kind + ". Expected one of "
                + Registry.braces(names()) + ". Received: '" + name + "'" + registry.brokenProvidersNote()));
    }

    /** A new component {@code name} with every setting at its default. */
    public T create(String name) {
        return create(name, Map.of());
    }

    /**
     * A new component {@code name} built from {@code settings} (as text; missing ones take their defaults).
     *
     * @throws IllegalArgumentException naming the unknown name, or the component and its unknown, missing or
     *                                  malformed setting
     */
    public T create(String name, Map<String, String> settings) {
        return get(name).create(settings, registry.catalog(Kind.INITIALIZER)::parse);
    }

    /**
     * A new component from its text form: {@code name}, or {@code name(args)} with comma-separated
     * arguments, each {@code key=value} or a bare value bound to the settings in their declared order
     * ({@code normal(0.05)}, {@code adam(lr=0.01, beta1=0.8)}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public T parse(String text) {
        String t = text == null ? "" : text.trim();
        int open = t.indexOf('(');
        if (open < 0) {
            return create(t);
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException(kind + " '" + text + "': expected NAME or NAME(VALUE, KEY=VALUE, ...)");
        }
        Registration<T> registration = get(t.substring(0, open).trim());
        String inside = t.substring(open + 1, t.length() - 1).trim();
        Map<String, String> settings = new LinkedHashMap<>();
        if (!inside.isEmpty()) {
            String[] args = inside.split(",", -1);
            boolean named = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i].trim();
                int eq = arg.indexOf('=');
                if (eq >= 0) {
                    named = true;
                    settings.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
                } else if (named) {
                    throw new IllegalArgumentException(kind + " '" + text + "': a bare value cannot follow KEY=VALUE");
                } else if (i >= registration.settings().size()) {
                    throw new IllegalArgumentException(kind + " '" + text + "': " + registration.name() + " takes "
                            + registration.settings().size() + " setting(s), got " + args.length);
                } else {
                    settings.put(registration.settings().get(i).name(), arg);
                }
            }
        }
        return registration.create(settings, registry.catalog(Kind.INITIALIZER)::parse);
    }

    /**
     * The text form {@link #parse} reads back: the name alone without settings, {@code name(value)} for a
     * component with one setting, {@code name(key=value, ...)} otherwise.
     *
     * @throws IllegalArgumentException when the component's type is not registered
     */
    public String format(T component) {
        Registration<T> registration = get(kind.typeOf(component));
        Map<String, String> config = kind.configOf(component);
        if (config.isEmpty()) {
            return registration.name();
        }
        if (config.size() == 1 && !registration.settings().isEmpty()
                && config.containsKey(registration.settings().get(0).name())) {
            return registration.name() + "(" + config.values().iterator().next() + ")";
        }
        List<String> args = new ArrayList<>();
        config.forEach((k, v) -> args.add(k + "=" + v));
        return registration.name() + "(" + String.join(", ", args) + ")";
    }

    @Override
    public String toString() {
        return kind + " registry " + names();
    }
}
