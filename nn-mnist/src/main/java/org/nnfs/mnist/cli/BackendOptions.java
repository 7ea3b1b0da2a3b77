package org.nnfs.mnist.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --backend} and {@code --threads}, shared by the commands that run a network. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "BACKEND", converter = NameConverter.class,
            description = "Tensor backend (${COMPLETION-CANDIDATES}); default: -Dnn.backend, else $NN_BACKEND, else the"
                    + " available one of highest priority.",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", converter = Converters.Threads.class,
            description = "Threads for the backend's kernels, at most 4 per processor; 0 means the backend's default "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    /** Builds the chosen backend and says which one it is, and why when nobody named it. */
    Backend create(PrintWriter out) {
        Backend backend = Backends.get(name, threads, "--backend");
        boolean chosenHere = name == null && blank(System.getProperty(Backends.PROPERTY))
                && blank(System.getenv(Backends.ENVIRONMENT));
        // The description names the backend, its library and threads.
        out.println("backend: " + backend.description()
                + (chosenHere ? ", the fastest available here (--backend NAME picks another)" : ""));
        return backend;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The registered backend names, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Backends.names().iterator();
        }
    }

    /** Accepts only registered names, so a typo is a usage error naming the alternatives. */
    static final class NameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (!Backends.names().contains(v)) {
                throw new TypeConversionException("unknown backend '" + value + "'; expected one of "
                        + Backends.names());
            }
            return v;
        }
    }
}
