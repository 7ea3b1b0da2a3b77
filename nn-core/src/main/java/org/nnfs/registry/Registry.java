package org.nnfs.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.nnfs.init.Initializer;
import org.nnfs.internal.Services;
import org.nnfs.layer.Activation;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.Layer;
import org.nnfs.loss.Loss;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where components have names: layer types, activations, losses, optimizers,
 * initializers and learning-rate schedules. The model builder, model files and the command line all
 * look names up here, so a name means the same everywhere.
 *
 * <pre>{@code
 * Optimizer adam = Registry.optimizers().create("adam", Map.of("lr", "0.01"));
 * Initializer init = Registry.initializers().parse("normal(0.05)");
 * }</pre>
 *
 * <p>Registrations come from {@link RegistryProvider}s found with {@link java.util.ServiceLoader} on first
 * use (nn-core's own among them). Names are lower case with words joined by {@code _}; lookups accept
 * {@code -} for {@code _} and any case. Every registered {@link ActivationFunction} is also a layer type
 * of the same name. Two registrations of one name, in one kind, stop the registry with an error naming
 * both providers. Reading a model file only looks names up here, so a file can never make the library
 * load a class it names.
 */
public final class Registry {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final Pattern CANONICAL = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final Map<Kind<?>, Catalog<?>> catalogs = new HashMap<>();
    private final List<String> brokenProviders;

    private Registry(List<RegistryProvider> providers, List<String> brokenProviders) {
        this.brokenProviders = List.copyOf(brokenProviders);
        Map<Kind<?>, Map<String, Registration<?>>> byName = new HashMap<>();
        Map<Registration<?>, String> providerOf = new HashMap<>();
        for (Kind<?> kind : Kind.all()) {
            byName.put(kind, new LinkedHashMap<>());
        }
        for (RegistryProvider provider : providers) {
            String source = provider.getClass().getName();
            for (Registration<?> r : provider.registrations()) {
                add(byName, providerOf, r, source);
                if (r.kind() == Kind.ACTIVATION) {
                    add(byName, providerOf, activationLayer(cast(r)), source);
                }
            }
        }
        for (Kind<?> kind : Kind.all()) {
            catalogs.put(kind, catalog(kind, byName.get(kind)));
        }
    }

    /** Registers {@code r} under its name and aliases, refusing a name already taken in its kind. */
    private static void add(Map<Kind<?>, Map<String, Registration<?>>> byName, Map<Registration<?>, String> providerOf,
                            Registration<?> r, String source) {
        Map<String, Registration<?>> names = byName.get(r.kind());
        List<String> all = new ArrayList<>();
        all.add(r.name());
        all.addAll(r.aliases());
        for (String name : all) {
            Registration<?> taken = names.get(name);
            if (taken != null) {
                String other = providerOf.get(taken);
                throw new IllegalStateException("Two registrations of " + r.kind() + " '" + name + "': "
                        + (other.equals(source) ? "both by " + source : other + " and " + source)
                        + ". Remove one of them from the class path (or rename one).");
            }
            names.put(name, r);
        }
        providerOf.put(r, source);
    }

    @SuppressWarnings("unchecked")
    private static Registration<ActivationFunction> cast(Registration<?> r) {
        return (Registration<ActivationFunction>) r;
    }

    /** The layer of a registered activation: same name, aliases, description and settings. */
    private static Registration<Layer> activationLayer(Registration<ActivationFunction> activation) {
        return Registration.builder(Kind.LAYER, activation.name())
                .alias(activation.aliases().toArray(new String[0]))
                .description(activation.description())
                .settings(activation.settings())
                .factory(s -> new Activation(activation.factory().apply(s)))
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> Catalog<T> catalog(Kind<T> kind, Map<String, Registration<?>> names) {
        return new Catalog<>(kind, this, (Map) names);
    }

    /**
     * A registry of exactly these providers (tests, embedding).
     *
     * @throws IllegalStateException when two registrations share a name
     */
    static Registry of(List<RegistryProvider> providers) {
        return new Registry(providers, List.of());
    }

    private static final class Standard {
        /** The registry, or the failure that stopped it (reported again on every use). */
        static final Object REGISTRY = load();

        private static Object load() {
            List<String> broken = new ArrayList<>();
            List<RegistryProvider> found = Services.load(RegistryProvider.class, message -> {
                broken.add(message);
                LOG.warn("Skipped a broken registry provider: {}", message);
            });
            try {
                return new Registry(found, broken);
            } catch (RuntimeException e) {
                return e;
            }
        }
    }

    /**
     * The registry of every provider on the class path, built on first use.
     *
     * @throws IllegalStateException when two registrations share a name (on every call, naming both)
     */
    public static Registry standard() {
        Object r = Standard.REGISTRY;
        if (r instanceof RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return (Registry) r;
    }

    /** The registrations of {@code kind}. */
    @SuppressWarnings("unchecked")
    public <T> Catalog<T> catalog(Kind<T> kind) {
        return (Catalog<T>) catalogs.get(kind);
    }

    /** Layer types of the {@link #standard()} registry, activations included. */
    public static Catalog<Layer> layers() {
        return standard().catalog(Kind.LAYER);
    }

    /** Activation functions of the {@link #standard()} registry. */
    public static Catalog<ActivationFunction> activations() {
        return standard().catalog(Kind.ACTIVATION);
    }

    /** Losses of the {@link #standard()} registry. */
    public static Catalog<Loss> losses() {
        return standard().catalog(Kind.LOSS);
    }

    /** Optimizers of the {@link #standard()} registry. */
    public static Catalog<Optimizer> optimizers() {
        return standard().catalog(Kind.OPTIMIZER);
    }

    /** Initializers of the {@link #standard()} registry. */
    public static Catalog<Initializer> initializers() {
        return standard().catalog(Kind.INITIALIZER);
    }

    /** Learning-rate schedules of the {@link #standard()} registry. */
    public static Catalog<LearningRateSchedule> schedules() {
        return standard().catalog(Kind.SCHEDULE);
    }

    /** The lookup form of a name: trimmed, lower case, {@code -} read as {@code _}. */
    static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Returns {@code name} if it is canonical (lower case, words joined by single {@code _}). */
    static String requireCanonical(String what, String name) {
        if (name == null || !CANONICAL.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "' must be lower case letters and digits, "
                    + "words joined by '_' (lookups accept '-' and any case)");
        }
        return name;
    }

    /** {@code {a, b, c}}, sorted. */
    static String braces(List<String> names) {
        return "{" + String.join(", ", new TreeSet<>(names)) + "}";
    }

    /** A note for "unknown name" messages when some provider could not be loaded. */
    String brokenProvidersNote() {
        return brokenProviders.isEmpty() ? "" : " (registry providers that failed to load: " + brokenProviders + ")";
    }
}
