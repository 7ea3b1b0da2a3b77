package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;
import org.nnfs.tensor.BackendUnavailableException;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Discovery through {@code ServiceLoader}, the provider's metadata and thread counts, and what happens
 * in a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
class VectorBackendProviderTest {

    @Test
    @DisplayName("found by name through ServiceLoader, with one thread per processor by default")
    void foundByNameThroughServiceLoader() {
        assertTrue(Backends.names().contains("vector"), Backends.names().toString());
        Backend b = Backends.get("vector");
        assertInstanceOf(VectorBackend.class, b);
        assertEquals("vector", b.name());
        assertEquals(Runtime.getRuntime().availableProcessors(), b.threads());
        Tensor t = b.fromArray(new float[] {1, 2, 3, 4}, 2, 2, DType.FLOAT32);
        Tensor c = b.zeros(2, 2);
        b.gemm(false, false, 1, t, t, 0, c);
        assertArrayEquals(new float[] {7, 10, 15, 22}, c.toFloatArray());
    }

    @Test
    @DisplayName("thread counts are honoured; negative ones are refused")
    void threadsAreHonoured() throws BackendUnavailableException {
        BackendProvider p = new VectorBackendProvider();
        assertEquals(1, p.create(1).threads());
        assertEquals(3, p.create(3).threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.create(0).threads());
        assertTrue(p.create(2).description().contains("2 threads"), p.create(2).description());
        assertTrue(p.create(1).description().contains("1 thread)"), p.create(1).description());
        assertThrows(IllegalArgumentException.class, () -> p.create(-1));
    }

    @Test
    @DisplayName("backends of one size share one team of threads")
    void teamsAreSharedPerSize() {
        assertTrue(Workers.ofSize(3) == Workers.ofSize(3));
        assertEquals(3, Workers.ofSize(3).size());
    }

    @Test
    void metadata() {
        BackendProvider p = new VectorBackendProvider();
        assertEquals("vector", p.name());
        assertEquals(100, p.priority());
        assertTrue(p.description().contains("--add-modules jdk.incubator.vector"), p.description());
    }

    @Test
    @DisplayName("the module check names the missing flag and where to put it")
    void unavailableWithoutTheModule() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> VectorBackendProvider.requireVectorModule(ModuleLayer.empty()));
        assertEquals("the JVM was started without --add-modules jdk.incubator.vector; add that flag to the java"
                + " command (or to MAVEN_OPTS / surefire argLine)", e.getMessage());
    }

    @Test
    @DisplayName("a JVM without the flag lists the backend, reports it unavailable with the remedy, and picks another")
    void childJvmWithoutTheFlag(@TempDir Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WithoutVectorModule.class.getName());
        // The log goes to stderr; kept apart so that it cannot interleave with the facts on stdout.
        Path log = dir.resolve("stderr.txt");
        pb.redirectError(log.toFile());
        Process process = pb.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish:\n" + stdout);
        String out = stdout + "\n-- stderr:\n" + Files.readString(log);
        assertEquals(0, process.exitValue(), out);
        List<String> lines = stdout.lines().toList();
        assertEquals("module present: false", lines.get(0), out);
        assertTrue(lines.get(1).startsWith("names: [") && lines.get(1).contains("vector"), out);
        assertTrue(lines.get(2).startsWith("vector: Backend 'vector' (requested in code) is unavailable: the JVM was"
                + " started without --add-modules jdk.incubator.vector; add that flag to the java command (or to"
                + " MAVEN_OPTS / surefire argLine)."), out);
        // Every backend is named, available or not: the reference backend of the test class path, this one, and
        // the project's modules that are not on it.
        assertTrue(lines.get(2).contains(" |   reference available")
                && lines.get(2).contains(" |   vector   unavailable: ")
                && lines.get(2).contains(" |   nd4j     not on the class path: add the module org.nnfs:nn-backend-nd4j")
                && lines.get(2).contains(" |   ojalgo   not on the class path"), out);
        assertEquals("default: reference", lines.get(3), out);
        assertTrue(Files.readString(log).contains("Skipped [vector] backend (unavailable): the JVM was started without"
                + " --add-modules jdk.incubator.vector"), out);
    }
}
