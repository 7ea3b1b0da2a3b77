package org.nnfs.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.nnfs.internal.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of {@link BackendProvider}s and the rules for choosing among them. Most code uses the static
 * facade {@link Backends}; tests and applications with their own provider list build one directly.
 *
 * <p>Choosing: an explicit name wins, then the system property {@value Backends#PROPERTY}, then the
 * environment variable {@value Backends#ENVIRONMENT}; with none of them, the available provider of
 * highest priority. Providers that fail to build are reported and passed over when choosing
 * automatically, but a backend asked for by name fails with its reason. Built backends are cached per
 * name and thread count.
 */
public final class BackendRegistry {
    /**
     * The logger, made on first use: listing the backends logs nothing, and starting the logging library costs
     * some 30 ms, which the MNIST app's launcher spends when it lists them to decide whether to start a JVM.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);
    }

    /**
     * This project's backend modules by backend name, so that a message can name the ones that are not on
     * the class path and say what to add.
     */
    private static final Map<String, String> PROJECT_MODULES = projectModules();

    private static Map<String, String> projectModules() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nd4j", "org.nnfs:nn-backend-nd4j (ND4J on native BLAS)");
        m.put("ojalgo", "org.nnfs:nn-backend-ojalgo (ojAlgo, pure Java)");
        m.put("vector", "org.nnfs:nn-backend-vector (JDK Vector API, pure Java; the JVM needs --add-modules "
                + "jdk.incubator.vector)");
        return Collections.unmodifiableMap(m);
    }

    private final List<BackendProvider> providers;
    private final List<String> brokenProviders;
    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;
    private final Map<String, Backend> built = new HashMap<>();
    private boolean choiceLogged;

    private BackendRegistry(List<BackendProvider> providers, List<String> brokenProviders,
                            UnaryOperator<String> properties, UnaryOperator<String> environment) {
        List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        this.providers = List.copyOf(sorted);
        this.brokenProviders = List.copyOf(brokenProviders);
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * The providers registered on the class path with {@link ServiceLoader}. A provider that cannot even
     * be instantiated is logged and left out; discovery goes on with the others.
     */
    public static BackendRegistry fromServiceLoader() {
        List<String> broken = new ArrayList<>();
        List<BackendProvider> found = Services.load(BackendProvider.class, message -> {
            broken.add(message);
            Log.LOG.warn("Skipped a broken backend provider: {}", message);
        });
        return new BackendRegistry(found, broken, System::getProperty, System::getenv);
    }

    /**
     * A registry of exactly these providers, reading the selection from the given lookups instead of
     * the real system properties and environment (for tests and embedding).
     */
    public static BackendRegistry of(List<BackendProvider> providers,
                                     UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return new BackendRegistry(providers, List.of(), properties, environment);
    }

    /** The registered providers, highest priority first. Listing them loads no native code. */
    public List<BackendProvider> providers() {
        return providers;
    }

    /** The registered backend names, highest priority first. */
    public List<String> names() {
        return providers.stream().map(BackendProvider::name).collect(Collectors.toList());
    }

    /**
     * The backend configured by system property or environment variable, or else the available one of
     * highest priority, with its default thread count.
     */
    public Backend get() {
        return get(null, 0);
    }

    /**
     * The backend called {@code name} (case-insensitive); a {@code null} or blank name means "as
     * configured", see {@link #get()}.
     *
     * @param threads thread count for its kernels, {@code 0} for the backend's default
     * @throws BackendException if the name is unknown, the backend is unavailable, or none is registered
     */
    public Backend get(String name, int threads) {
        return get(name, threads, "requested in code");
    }

    /**
     * As {@link #get(String, int)}, saying in error messages where {@code name} came from (for example
     * {@code "--backend"}, when it came from a command line).
     */
    public synchronized Backend get(String name, int threads, String requestedBy) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the backend's default) or positive, got " + threads);
        }
        if (providers.isEmpty()) {
            List<String> lines = new ArrayList<>(PROJECT_MODULES.values());
            lines.addAll(brokenLines());
            throw new BackendException("No tensor backend is on the class path. Add one of these modules as a"
                    + " dependency:" + indented(lines));
        }
        String requested = blankToNull(name);
        String source = requestedBy;
        if (requested == null) {
            requested = blankToNull(properties.apply(Backends.PROPERTY));
            source = "-D" + Backends.PROPERTY;
        }
        if (requested == null) {
            requested = blankToNull(environment.apply(Backends.ENVIRONMENT));
            source = Backends.ENVIRONMENT;
        }
        if (requested != null) {
            return named(requested.toLowerCase(Locale.ROOT), source, threads);
        }
        return best(threads);
    }

    /** Text for "what did discovery see and why", like DJL's {@code debugEnvironment()}. */
    public synchronized String describe() {
        StringBuilder sb = new StringBuilder("Tensor backends (highest priority first):\n");
        for (BackendProvider p : providers) {
            sb.append(String.format(Locale.ROOT, "  %-8s priority %3d  %s%n", p.name(), p.priority(), p.description()));
        }
        if (providers.isEmpty()) {
            sb.append("  (none on the class path)\n");
        }
        for (String line : missingModules()) {
            sb.append("  ").append(line).append('\n');
        }
        for (String line : brokenLines()) {
            sb.append("  ").append(line).append('\n');
        }
        sb.append("Selection: -D").append(Backends.PROPERTY).append('=')
                .append(properties.apply(Backends.PROPERTY)).append(", ").append(Backends.ENVIRONMENT).append('=')
                .append(environment.apply(Backends.ENVIRONMENT)).append('\n');
        return sb.toString();
    }

    private Backend named(String name, String source, int threads) {
        BackendProvider provider = null;
        for (BackendProvider p : providers) {
            if (p.name().equalsIgnoreCase(name)) {
                provider = p;
            }
        }
        if (provider == null) {
            String module = PROJECT_MODULES.get(name);
            String what = module == null ? "Unknown backend '" + name + "' (" + source + ")"
                    : "Backend '" + name + "' (" + source + ") is not on the class path: add the module " + module;
            throw new BackendException(what + ". Expected one of " + names() + ":" + inventory(threads));
        }
        try {
            return build(provider, threads);
        } catch (BackendUnavailableException e) {
            throw new BackendException("Backend '" + provider.name() + "' (" + source + ") is unavailable: "
                    + e.getMessage() + ". Other backends: " + others(provider) + "." + inventory(threads), e);
        }
    }

    private Backend best(int threads) {
        List<String> skipped = new ArrayList<>();
        for (BackendProvider p : providers) {
            try {
                Backend b = build(p, threads);
                if (!choiceLogged) {
                    choiceLogged = true;
                    Log.LOG.info("Using tensor backend '{}' ({}), the available one of highest priority among {}; "
                            + "choose another with -D{}=NAME or {}=NAME", p.name(), b.description(), names(),
                            Backends.PROPERTY, Backends.ENVIRONMENT);
                }
                return b;
            } catch (BackendUnavailableException e) {
                String line = "Skipped [" + p.name() + "] backend (unavailable): " + e.getMessage();
                Log.LOG.warn(line);
                skipped.add(line);
            }
        }
        skipped.addAll(missingModules());
        skipped.addAll(brokenLines());
        throw new BackendException("No tensor backend could be started:" + indented(skipped));
    }

    private Backend build(BackendProvider p, int threads) throws BackendUnavailableException {
        String key = p.name() + "/" + threads;
        Backend b = built.get(key);
        if (b == null) {
            try {
                b = p.create(threads);
            } catch (LinkageError | RuntimeException e) {
                // A native library that fails to link surfaces as an Error; report it as unavailability.
                throw new BackendUnavailableException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            built.put(key, b);
        }
        return b;
    }

    private List<String> others(BackendProvider except) {
        return providers.stream().map(BackendProvider::name).filter(n -> !n.equals(except.name()))
                .collect(Collectors.toList());
    }

    /**
     * Every backend, a line each, for error messages: the registered ones, available or not with the reason
     * (this builds them, which may load native code: errors are rare, and the whole picture at once saves
     * the user a round trip), then this project's modules that are not on the class path and providers that
     * could not even be loaded.
     */
    private String inventory(int threads) {
        List<String> lines = new ArrayList<>();
        for (BackendProvider p : providers) {
            String state;
            try {
                build(p, threads);
                state = "available";
            } catch (BackendUnavailableException e) {
                state = "unavailable: " + e.getMessage();
            }
            lines.add(String.format(Locale.ROOT, "%-8s %s", p.name(), state));
        }
        lines.addAll(missingModules());
        lines.addAll(brokenLines());
        return indented(lines);
    }

    /** This project's backends whose modules are not on the class path, each with the module to add. */
    private List<String> missingModules() {
        List<String> lines = new ArrayList<>();
        PROJECT_MODULES.forEach((name, module) -> {
            if (providers.stream().noneMatch(p -> p.name().equals(name))) {
                lines.add(String.format(Locale.ROOT, "%-8s not on the class path: add the module %s", name, module));
            }
        });
        return lines;
    }

    private List<String> brokenLines() {
        return brokenProviders.stream().map(b -> "broken provider: " + b).collect(Collectors.toList());
    }

    /** Each line on a line of its own, indented under a message's first line. */
    private static String indented(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(line -> sb.append("\n  ").append(line));
        return sb.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
