package org.nnfs.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;
import org.nnfs.tensor.BackendUnavailableException;

/**
 * Registers the ND4J backend ({@code nd4j}) with {@link org.nnfs.tensor.Backends}.
 *
 * <p>This class deliberately refers to no ND4J or JavaCPP type: listing providers only reads a
 * properties file, and the native libraries load the first time {@link #create} runs.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    /** The name users select this backend by. */
    public static final String NAME = "nd4j";
    /**
     * Below the vector backend (100), which trains the MNIST MLP faster on the machines measured, above ojAlgo
     * (50): GEMM runs in native, multi-threaded OpenBLAS.
     */
    public static final int PRIORITY = 90;

    /** For {@link java.util.ServiceLoader}. */
    public Nd4jBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "ND4J " + nd4jVersion() + " (nd4j-native: libnd4j + OpenBLAS, ships about 100 MB of native libraries per platform)";
    }

    @Override
    public Backend create(int threads) throws BackendUnavailableException {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the backend's default) or positive, got " + threads);
        }
        try {
            return Nd4jBackend.create(threads);
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (LinkageError | RuntimeException e) {
            // ND4J reports a missing or broken native library as an ExceptionInInitializerError,
            // UnsatisfiedLinkError or a RuntimeException wrapping one; the root cause is the useful part.
            throw new BackendUnavailableException("ND4J " + nd4jVersion() + " failed to load its native CPU backend ("
                    + rootCause(e) + "). Put org.nd4j:nd4j-native-platform, or org.nd4j:nd4j-native with the "
                    + "classifier of this platform (" + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + "), on the class path, or use the pure-Java backend with "
                    + "-Dnn.backend=ojalgo", e);
        }
    }

    /** The ND4J version on the class path, read from its Maven metadata without loading ND4J. */
    static String nd4jVersion() {
        Properties p = new Properties();
        try (InputStream in = Nd4jBackendProvider.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            p.load(in);
        } catch (IOException e) {
            return "(version unknown)";
        }
        return p.getProperty("version", "(version unknown)");
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
