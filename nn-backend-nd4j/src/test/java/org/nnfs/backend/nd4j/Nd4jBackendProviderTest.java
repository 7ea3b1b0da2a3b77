package org.nnfs.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;
import org.nnfs.tensor.BackendUnavailableException;
import org.nnfs.tensor.Backends;

class Nd4jBackendProviderTest {

    /** A class loader over the test class path that says which classes it has loaded. */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader(URL[] urls) {
            super("isolated", urls, ClassLoader.getPlatformClassLoader());
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    private static URL[] testClassPath() throws MalformedURLException {
        return testClassPath("(nothing left out)");
    }

    /** The test class path without the entries whose path contains {@code leaveOut}. */
    private static URL[] testClassPath(String leaveOut) throws MalformedURLException {
        // Surefire may run tests from a manifest-only jar; it publishes the real class path separately.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank() && !entry.replace(File.separatorChar, '/').contains(leaveOut)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    @Test
    @DisplayName("listing the provider loads neither ND4J nor JavaCPP (so no native code)")
    void listingLoadsNoNativeCode() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader(testClassPath())) {
            Class<?> spi = loader.loadClass(BackendProvider.class.getName());
            Object provider = null;
            for (Object p : ServiceLoader.load(spi, loader)) {
                if (p.getClass().getName().equals(Nd4jBackendProvider.class.getName())) {
                    provider = p;
                }
            }
            assertTrue(provider != null, "Nd4jBackendProvider is registered in META-INF/services");
            assertEquals("nd4j", spi.getMethod("name").invoke(provider));
            assertEquals(90, spi.getMethod("priority").invoke(provider));
            String description = (String) spi.getMethod("description").invoke(provider);
            assertTrue(description.contains("1.0.0-M2.1"), description);
            assertTrue(description.contains("native"), description);

            assertTrue(loader.hasLoaded(Nd4jBackendProvider.class.getName()), "the probe sees loaded classes");
            // Nd4jBackend itself may be loaded (the verifier checks that create's result is a Backend), but
            // loading runs no static initialiser; what must stay untouched is ND4J, JavaCPP and OpenBLAS.
            for (String heavy : List.of("org.nd4j.linalg.factory.Nd4j", "org.nd4j.nativeblas.NativeOpsHolder",
                    "org.bytedeco.javacpp.Loader", "org.bytedeco.javacpp.Pointer",
                    "org.bytedeco.openblas.global.openblas_nolapack", Nd4jRuntime.class.getName())) {
                assertFalse(loader.hasLoaded(heavy), heavy + " was loaded by listing providers");
            }
        }
    }

    @Test
    @DisplayName("the provider is found by name and builds a backend with the requested threads")
    void foundByNameWithThreads() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider();
        assertEquals("nd4j", provider.name());
        assertEquals(90, provider.priority());
        assertTrue(Backends.names().contains("nd4j"), Backends.describe());
        assertEquals("nd4j", Backends.names().get(0), "highest priority: " + Backends.names());

        Backend byDefault = Backends.get("nd4j");
        assertInstanceOf(Nd4jBackend.class, byDefault);
        assertEquals(Runtime.getRuntime().availableProcessors(), byDefault.threads());
        assertSame(byDefault, Backends.get("ND4J"), "cached, case-insensitive");

        Backend one = Backends.get("nd4j", 1);
        assertEquals(1, one.threads());
        assertTrue(one.description().contains("1 thread"), one.description());
        assertTrue(one.description().contains("1.0.0-M2.1"), one.description());
        assertThrows(IllegalArgumentException.class, () -> provider.create(-1));
    }

    @Test
    @DisplayName("without ND4J's CPU backend on the class path, create() fails with a reason and a way out")
    void missingNativeBackendIsReportedAsUnavailable() throws Exception {
        // The Maven directory of org.nd4j:nd4j-native holds the CPU backend and its libraries.
        URL[] withoutBackend = testClassPath("/org/nd4j/nd4j-native/");
        assertTrue(withoutBackend.length < testClassPath().length, "the test class path holds nd4j-native");
        try (IsolatedLoader loader = new IsolatedLoader(withoutBackend)) {
            Object provider = loader.loadClass(Nd4jBackendProvider.class.getName()).getConstructor().newInstance();
            // ND4J finds its backends through the context class loader.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            InvocationTargetException thrown;
            try {
                thrown = assertThrows(InvocationTargetException.class,
                        () -> provider.getClass().getMethod("create", int.class).invoke(provider, 0));
            } finally {
                thread.setContextClassLoader(previous);
            }
            Throwable e = thrown.getCause();
            System.out.println("[nd4j provider] without nd4j-native: " + e.getMessage());
            assertEquals(BackendUnavailableException.class.getName(), e.getClass().getName(), String.valueOf(e));
            String message = e.getMessage();
            assertTrue(message.contains("ND4J 1.0.0-M2.1 failed to load its native CPU backend"), message);
            assertTrue(message.contains("NoAvailableBackendException"), message);
            assertTrue(message.contains("org.nd4j:nd4j-native-platform"), message);
            assertTrue(message.contains("-Dnn.backend=ojalgo"), message);
        }
    }
}
