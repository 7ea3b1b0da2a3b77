package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How {@link BackendRegistry} chooses a backend, with fake providers and fake property/environment lookups. */
class BackendRegistryTest {

    /** A provider whose backend is a {@link ReferenceBackend} carrying the provider's name. */
    static final class FakeProvider implements BackendProvider {
        final String name;
        final int priority;
        /** When not null, {@link #create} fails with it. */
        final Throwable failure;
        int creates;

        FakeProvider(String name, int priority, Throwable failure) {
            this.name = name;
            this.priority = priority;
            this.failure = failure;
        }

        static FakeProvider available(String name, int priority) {
            return new FakeProvider(name, priority, null);
        }

        static FakeProvider unavailable(String name, int priority, String reason) {
            return new FakeProvider(name, priority, new BackendUnavailableException(reason));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public Backend create(int threads) throws BackendUnavailableException {
            creates++;
            if (failure instanceof BackendUnavailableException) {
                throw (BackendUnavailableException) failure;
            } else if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            } else if (failure instanceof Error) {
                throw (Error) failure;
            }
            return new ReferenceBackend(name);
        }
    }

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final FakeProvider a = FakeProvider.available("a", 10);
    private final FakeProvider b = FakeProvider.available("b", 50);
    private final FakeProvider c = FakeProvider.available("c", -3);

    private BackendRegistry registry(BackendProvider... providers) {
        return BackendRegistry.of(List.of(providers), properties::get, environment::get);
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message should mention '" + p + "': " + message);
        }
    }

    @Nested
    @DisplayName("Choosing a backend")
    class Choosing {
        @Test
        @DisplayName("an explicit name wins, case-insensitively, over property and environment")
        void explicitName() {
            properties.put(Backends.PROPERTY, "a");
            environment.put(Backends.ENVIRONMENT, "a");
            BackendRegistry r = registry(a, b, c);
            assertEquals("c", r.get("c", 0).name());
            assertSame(r.get("c", 0), r.get("C", 0));
            assertSame(r.get("c", 0), r.get(" c ", 0));
        }

        @Test
        @DisplayName("the system property beats the environment variable")
        void propertyBeatsEnvironment() {
            properties.put(Backends.PROPERTY, "A");
            environment.put(Backends.ENVIRONMENT, "c");
            assertEquals("a", registry(a, b, c).get().name());
        }

        @Test
        @DisplayName("the environment variable is used when the property is unset or blank")
        void environmentWhenNoProperty() {
            environment.put(Backends.ENVIRONMENT, "c");
            assertEquals("c", registry(a, b, c).get().name());
            properties.put(Backends.PROPERTY, "  ");
            assertEquals("c", registry(a, b, c).get().name());
        }

        @Test
        @DisplayName("a null or blank name means 'as configured'")
        void blankName() {
            properties.put(Backends.PROPERTY, "c");
            assertEquals("c", registry(a, b, c).get(null, 0).name());
            assertEquals("c", registry(a, b, c).get(" ", 0).name());
        }

        @Test
        @DisplayName("with nothing configured the available provider of highest priority is chosen")
        void bestPriority() {
            BackendRegistry r = registry(a, c, b);
            assertEquals(List.of("b", "a", "c"), r.names());
            assertEquals("b", r.get().name());
            assertEquals(0, a.creates, "lower priority providers are not built");
        }

        @Test
        @DisplayName("an unavailable provider is skipped in automatic mode and the next one used")
        void unavailableSkipped() {
            FakeProvider broken = FakeProvider.unavailable("best", 100, "no native library for this CPU");
            assertEquals("b", registry(a, broken, b).get().name());
            assertEquals(1, broken.creates);
        }

        @Test
        @DisplayName("a provider that throws an Error or RuntimeException counts as unavailable")
        void failingProvidersSkipped() {
            FakeProvider linkage = new FakeProvider("linkage", 100, new UnsatisfiedLinkError("libnd4j.so missing"));
            FakeProvider runtime = new FakeProvider("runtime", 90, new IllegalStateException("bad config"));
            assertEquals("a", registry(a, linkage, runtime).get().name());
            BackendException e = assertThrows(BackendException.class, () -> registry(a, linkage).get("linkage", 0));
            assertMentions(e.getMessage(), "UnsatisfiedLinkError", "libnd4j.so missing");
        }
    }

    @Nested
    @DisplayName("Failing clearly")
    class Failing {
        @Test
        @DisplayName("a named but unavailable backend fails with the reason and lists every backend, available or not")
        void namedUnavailable() {
            FakeProvider broken = FakeProvider.unavailable("nd", 100, "no native library for this CPU");
            BackendException e = assertThrows(BackendException.class, () -> registry(a, broken, c).get("nd", 0));
            assertMentions(e.getMessage(), "'nd'", "unavailable", "no native library for this CPU", "[a, c]",
                    "\n  nd       unavailable: no native library for this CPU", "\n  a        available",
                    "\n  c        available",
                    "\n  nd4j     not on the class path: add the module org.nnfs:nn-backend-nd4j",
                    "\n  ojalgo   not on the class path", "\n  vector   not on the class path");
            assertInstanceOf(BackendUnavailableException.class, e.getCause());
        }

        @Test
        @DisplayName("a backend named by the property but unavailable says where the name came from")
        void propertyUnavailable() {
            properties.put(Backends.PROPERTY, "nd");
            FakeProvider broken = FakeProvider.unavailable("nd", 100, "no AVX2");
            BackendException e = assertThrows(BackendException.class, () -> registry(a, broken).get());
            assertMentions(e.getMessage(), "'nd'", "-D" + Backends.PROPERTY, "no AVX2", "[a]");
        }

        @Test
        @DisplayName("an unknown name lists every backend: registered ones with their state, missing project modules")
        void unknownName() {
            environment.put(Backends.ENVIRONMENT, "cuda");
            FakeProvider broken = FakeProvider.unavailable("x", 1, "reason x");
            BackendException e = assertThrows(BackendException.class, () -> registry(a, b, broken).get());
            assertMentions(e.getMessage(), "Unknown backend 'cuda'", Backends.ENVIRONMENT, "[b, a, x]",
                    "\n  b        available", "\n  a        available", "\n  x        unavailable: reason x",
                    "\n  nd4j     not on the class path: add the module org.nnfs:nn-backend-nd4j",
                    "\n  ojalgo   not on the class path: add the module org.nnfs:nn-backend-ojalgo",
                    "\n  vector   not on the class path: add the module org.nnfs:nn-backend-vector");
            e = assertThrows(BackendException.class, () -> registry(a, b, c).get("tpu", 0));
            assertMentions(e.getMessage(), "Unknown backend 'tpu'", "[b, a, c]");
        }

        @Test
        @DisplayName("a backend of this project whose module is missing says which module to add")
        void projectBackendNotOnClassPath() {
            BackendException e = assertThrows(BackendException.class, () -> registry(a).get("vector", 0));
            assertMentions(e.getMessage(), "Backend 'vector' (requested in code) is not on the class path: add the "
                    + "module org.nnfs:nn-backend-vector", "--add-modules jdk.incubator.vector", "[a]",
                    "\n  a        available", "\n  nd4j     not on the class path");
        }

        @Test
        @DisplayName("a caller can say where the name came from, such as a command-line option")
        void requestedBySaysWhereTheNameCameFrom() {
            FakeProvider x = FakeProvider.unavailable("x", 5, "reason x");
            BackendException e = assertThrows(BackendException.class, () -> registry(a, x).get("x", 0, "--backend"));
            assertMentions(e.getMessage(), "Backend 'x' (--backend) is unavailable: reason x");
            e = assertThrows(BackendException.class, () -> registry(a).get("vector", 0, "--backend"));
            assertMentions(e.getMessage(), "Backend 'vector' (--backend) is not on the class path");
            e = assertThrows(BackendException.class, () -> registry(a).get("y", 0, "--backend"));
            assertMentions(e.getMessage(), "Unknown backend 'y' (--backend)");
        }

        @Test
        @DisplayName("when every provider is unavailable, each reason is reported")
        void allUnavailable() {
            FakeProvider x = FakeProvider.unavailable("x", 5, "reason x");
            FakeProvider y = FakeProvider.unavailable("y", 1, "reason y");
            BackendException e = assertThrows(BackendException.class, () -> registry(x, y).get());
            assertMentions(e.getMessage(), "Skipped [x] backend (unavailable): reason x",
                    "Skipped [y] backend (unavailable): reason y",
                    "\n  nd4j     not on the class path: add the module org.nnfs:nn-backend-nd4j");
        }

        @Test
        @DisplayName("an empty registry names every backend module to choose from")
        void empty() {
            BackendException e = assertThrows(BackendException.class, () -> registry().get());
            assertMentions(e.getMessage(), "No tensor backend is on the class path",
                    "\n  org.nnfs:nn-backend-nd4j (ND4J on native BLAS)",
                    "\n  org.nnfs:nn-backend-ojalgo (ojAlgo, pure Java)",
                    "\n  org.nnfs:nn-backend-vector (JDK Vector API, pure Java; the JVM needs --add-modules");
            assertEquals(List.of(), registry().names());
        }

        @Test
        @DisplayName("a negative thread count is rejected")
        void negativeThreads() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry(a).get("a", -1));
            assertMentions(e.getMessage(), "threads", "-1");
            assertEquals(0, a.creates);
        }
    }

    @Nested
    @DisplayName("Building and listing")
    class BuildingAndListing {
        @Test
        @DisplayName("a backend is built once per name and thread count")
        void caching() {
            BackendRegistry r = registry(a, b);
            Backend two = r.get("a", 2);
            assertSame(two, r.get("A", 2));
            assertNotSame(two, r.get("a", 3));
            assertSame(r.get("b", 0), r.get());
            assertEquals(2, a.creates);
            assertEquals(1, b.creates);
        }

        @Test
        @DisplayName("names(), providers() and describe() never build a backend")
        void listingIsCheap() {
            FakeProvider broken = FakeProvider.unavailable("broken", 7, "never built");
            properties.put(Backends.PROPERTY, "a");
            BackendRegistry r = registry(a, b, broken);
            assertEquals(List.of("b", "a", "broken"), r.names());
            assertEquals(List.of(b, a, broken), r.providers());
            String d = r.describe();
            assertMentions(d, "b", "priority  50", "fake broken", "-Dnn.backend=a",
                    "  vector   not on the class path: add the module org.nnfs:nn-backend-vector");
            assertEquals(0, a.creates + b.creates + broken.creates);
        }
    }

    @Nested
    @DisplayName("ServiceLoader discovery")
    class Discovery {
        @Test
        @DisplayName("finds the test-jar's 'reference' provider, at very low priority")
        void findsReference() {
            BackendRegistry r = BackendRegistry.fromServiceLoader();
            assertTrue(r.names().contains(ReferenceBackend.NAME), "names: " + r.names());
            BackendProvider p = r.providers().stream().filter(x -> x.name().equals(ReferenceBackend.NAME))
                    .findFirst().orElseThrow();
            assertInstanceOf(ReferenceBackendProvider.class, p);
            assertTrue(p.priority() <= -100, "priority " + p.priority());
            assertEquals(ReferenceBackend.NAME, r.get(ReferenceBackend.NAME, 0).name());
            assertTrue(Backends.names().contains(ReferenceBackend.NAME), "Backends.names(): " + Backends.names());
        }
    }
}
