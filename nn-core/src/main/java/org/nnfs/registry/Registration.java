package org.nnfs.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.nnfs.init.Initializer;

/**
 * One component under one name: its kind, canonical name and aliases, a one-line description, the
 * settings it takes and the factory that builds it from them.
 *
 * <pre>{@code
 * Registration.builder(Kind.OPTIMIZER, "sgd")
 *         .description("stochastic gradient descent, w -= lr * g")
 *         .setting(Setting.withDefault("lr", Setting.Type.REAL, 0.1, "learning rate"))
 *         .factory(s -> new Sgd(s.real("lr")))
 *         .build();
 * }</pre>
 *
 * @param <T> the component's type
 */
public final class Registration<T> {
    private final Kind<T> kind;
    private final String name;
    private final List<String> aliases;
    private final String description;
    private final List<Setting> settings;
    private final Function<Settings, ? extends T> factory;

    private Registration(Builder<T> b) {
        this.kind = b.kind;
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.description = Objects.requireNonNull(b.description, "description of " + b.kind + " '" + b.name + "'");
        this.settings = List.copyOf(b.settings);
        this.factory = Objects.requireNonNull(b.factory, "factory of " + b.kind + " '" + b.name + "'");
        List<String> seen = new ArrayList<>();
        for (Setting s : settings) {
            if (seen.contains(s.name())) {
                throw new IllegalArgumentException(kind + " '" + name + "' declares setting '" + s.name() + "' twice");
            }
            seen.add(s.name());
        }
    }

    /** Starts the registration of {@code name} (lower case, words joined by {@code _}). */
    public static <T> Builder<T> builder(Kind<T> kind, String name) {
        return new Builder<>(kind, name);
    }

    /** The kind of component. */
    public Kind<T> kind() {
        return kind;
    }

    /** The canonical name, e.g. {@code cross_entropy}. */
    public String name() {
        return name;
    }

    /** Other names that find it, e.g. {@code xavier} for {@code glorot}. */
    public List<String> aliases() {
        return aliases;
    }

    /** One line for help texts. */
    public String description() {
        return description;
    }

    /** The settings it takes, in the order a positional form ({@code normal(0.05)}) binds them. */
    public List<Setting> settings() {
        return settings;
    }

    /** The setting called {@code name} ({@code -} and {@code _} alike, any case). */
    public Optional<Setting> setting(String name) {
        String key = Registry.normalize(name);
        return settings.stream().filter(s -> s.name().equals(key)).findFirst();
    }

    Function<Settings, ? extends T> factory() {
        return factory;
    }

    /**
     * Checks {@code given} against the settings and builds the component.
     *
     * @param initializers reads {@link Setting.Type#INITIALIZER} values
     * @throws IllegalArgumentException naming the component and the unknown, missing or malformed setting
     */
    T create(Map<String, String> given, Function<String, Initializer> initializers) {
        String component = kind + " '" + name + "'";
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            Setting s = setting(e.getKey()).orElseThrow(() -> new IllegalArgumentException("Unknown setting of "
                    + component + ". Expected one of " + Registry.braces(settings.stream().map(Setting::name).toList())
                    + ". Received: '" + e.getKey() + "'"));
            if (values.containsKey(s.name())) {
                throw new IllegalArgumentException(component + ": setting '" + s.name() + "' is given twice");
            }
            values.put(s.name(), parse(component, s, e.getValue(), initializers));
        }
        for (Setting s : settings) {
            if (!values.containsKey(s.name())) {
                if (s.required()) {
                    throw new IllegalArgumentException(component + ": setting '" + s.name() + "' is required ("
                            + s.description() + ")");
                }
                if (s.defaultValue().isPresent()) {
                    values.put(s.name(), parse(component, s, s.defaultValue().get(), initializers));
                }
            }
        }
        T built = factory.apply(new Settings(component, values));
        if (!kind.type().isInstance(built)) {
            throw new IllegalStateException(component + ": the factory built " + built + ", not a "
                    + kind.type().getName());
        }
        return built;
    }

    private static Object parse(String component, Setting s, String text, Function<String, Initializer> initializers) {
        String t = text == null ? "" : text.trim();
        try {
            switch (s.type()) {
                case INTEGER:
                    return Integer.parseInt(t);
                case REAL:
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException(t);
                    }
                    return d;
                case BOOLEAN:
                    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(t);
                    }
                    throw new IllegalArgumentException(t);
                case INITIALIZER:
                    return initializers.apply(t);
                default:
                    return t;
            }
        } catch (IllegalArgumentException e) {
            String reason = s.type() == Setting.Type.INITIALIZER ? ": " + e.getMessage() : "";
            throw new IllegalArgumentException(component + ": setting '" + s.name() + "' must be " + s.type().expected()
                    + ", got '" + text + "'" + reason, e);
        }
    }

    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }

    /** Collects a {@link Registration}. */
    public static final class Builder<T> {
        private final Kind<T> kind;
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Setting> settings = new ArrayList<>();
        private String description;
        private Function<Settings, ? extends T> factory;

        private Builder(Kind<T> kind, String name) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.name = Registry.requireCanonical(kind.name(), name);
        }

        /** Other names that find the component. */
        public Builder<T> alias(String... names) {
            for (String alias : names) {
                aliases.add(Registry.requireCanonical(kind.name() + " alias", alias));
            }
            return this;
        }

        /** One line for help texts (required). */
        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        /** Adds a setting; positional forms bind values in the order settings are added. */
        public Builder<T> setting(Setting setting) {
            settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        /** Adds settings in order. */
        public Builder<T> settings(List<Setting> all) {
            all.forEach(this::setting);
            return this;
        }

        /** Builds the component from checked settings (required). */
        public Builder<T> factory(Function<Settings, ? extends T> factory) {
            this.factory = factory;
            return this;
        }

        /** The registration. */
        public Registration<T> build() {
            return new Registration<>(this);
        }
    }
}
