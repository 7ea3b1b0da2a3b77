package org.nnfs.registry;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting a registered component takes: its name, its type, whether it is required or else its
 * default, and a one-line description for help texts. Values travel as text (in model files, on command
 * lines) and are checked against the type before a factory sees them.
 *
 * @param name         lower case, words joined by {@code _}; {@code -} is accepted for it in lookups
 * @param type         how the text is read
 * @param required     true when the setting has no default and must be given
 * @param defaultValue the text used when the setting is not given; empty for required settings and for
 *                     optional settings whose absence the component handles itself
 * @param description  one line for help texts
 */
public record Setting(String name, Type type, boolean required, Optional<String> defaultValue, String description) {

    /** How a setting's text is read. */
    public enum Type {
        /** A whole number ({@code int}). */
        INTEGER("an integer"),
        /** A finite number ({@code double}). */
        REAL("a finite number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** Any text. */
        TEXT("text"),
        /** A registered initializer, in the form {@code name} or {@code name(value, key=value)}. */
        INITIALIZER("an initializer");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for messages: "an integer". */
        public String expected() {
            return expected;
        }
    }

    /** Validates the declaration. */
    public Setting {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        Registry.requireCanonical("setting", name);
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("setting '" + name + "' is required, so it cannot have a default");
        }
    }

    /** A setting that must be given. */
    public static Setting required(String name, Type type, String description) {
        return new Setting(name, type, true, Optional.empty(), description);
    }

    /** A setting that takes {@code defaultValue} (as text, e.g. {@code 0.9}, {@code false}) when not given. */
    public static Setting withDefault(String name, Type type, Object defaultValue, String description) {
        return new Setting(name, type, false, Optional.of(String.valueOf(defaultValue)), description);
    }

    /** A setting that may be left out; the component decides what its absence means. */
    public static Setting optional(String name, Type type, String description) {
        return new Setting(name, type, false, Optional.empty(), description);
    }

    /** The help text: the description with the type and the default. */
    public String help() {
        return name + ": " + description + " (" + type.name().toLowerCase(Locale.ROOT)
                + (required ? ", required" : defaultValue.map(d -> ", default " + d).orElse(", optional")) + ")";
    }
}
