package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/**
 * Model files that claim more than they hold are rejected before anything is allocated for the claim.
 * Runs in its own JVM with {@code -Xmx64m} (the {@code bounded-allocation} execution in this module's
 * pom), where allocating any of the claimed tensors would end in an {@link OutOfMemoryError}; each case
 * also measures what the rejected read allocated on this thread.
 */
class ModelFileBoundedAllocationTest {
    /**
     * What reading a rejected file may allocate: the header (no longer than the file) and its JSON tree (ten
     * thousand layers take about 10 MiB), buffers, the message; the claims here are gigabytes and more.
     */
    private static final long ALLOWANCE = 32L << 20;

    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 64L << 20, "this test must run with -Xmx64m, but the heap may grow to " + (max >> 20)
                + " MiB; run it through the module's bounded-allocation execution");
        // Load the reader's classes (Jackson's among them) first, so the measurements count only the reading.
        Path file = warmUp.resolve("warm-up.nnfs");
        Files.write(file, ModelFileFuzzTest.wrap(ModelFile.VERSION, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertThrows(InvalidModelFileException.class, () -> ModelFile.load(file, new ReferenceBackend()));
    }

    @Test
    @DisplayName("a table claiming a 784 x 1,000,000 weight matrix in a file of a few hundred bytes")
    void weightLargerThanTheFile() throws IOException {
        List<Path> file = crafted(header("[{\"type\":\"dense\",\"config\":{\"units\":\"1000000\"}}]", 784,
                "[{\"name\":\"dense_0.weight\",\"rows\":784,\"cols\":1000000},"
                        + "{\"name\":\"dense_0.bias\",\"rows\":1,\"cols\":1000000}]", 2), 64);
        assertRejected(file, "tensor table describes more than");
    }

    @Test
    @DisplayName("an honest tiny table under layers that would need 2^30 values")
    void layersLargerThanTheTable() throws IOException {
        List<Path> file = crafted(header("[{\"type\":\"dense\",\"config\":{\"units\":\"1073741823\"}}]", 1,
                "[{\"name\":\"dense_0.weight\",\"rows\":1,\"cols\":1},{\"name\":\"dense_0.bias\",\"rows\":1,\"cols\":1}]",
                2), 8);
        assertRejected(file, "the layers need");
    }

    @Test
    @DisplayName("a tensor of more elements than an array can hold")
    void tensorBeyondArrays() throws IOException {
        List<Path> file = crafted(header("[{\"type\":\"dense\",\"config\":{\"units\":\"2147483647\"}}]", 2147483647,
                "[{\"name\":\"dense_0.weight\",\"rows\":2147483647,\"cols\":2147483647}]", 1), 4);
        assertRejected(file, "more elements than any tensor can hold");
    }

    @Test
    @DisplayName("ten thousand wide layers described in a 600 KB header")
    void manyWideLayers() throws IOException {
        StringBuilder layers = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"type\":\"dense\",\"config\":{\"units\":\"46340\"}}");
        }
        List<Path> file = crafted(header(layers.append(']').toString(), 46340, "[]", 0), 0);
        assertRejected(file, "the layers need");
    }

    @Test
    @DisplayName("a header length of 2^31 - 1 or 1 MiB in a file of 30 bytes")
    void headerLongerThanTheFile() throws IOException {
        for (int claimed : new int[] {Integer.MAX_VALUE, 1 << 20}) {
            ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            for (int version : new int[] {1, 2}) {
                b.clear();
                b.put("NNFSMODL".getBytes(StandardCharsets.US_ASCII)).putInt(version).putInt(claimed);
                Path file = dir.resolve("long-header.nnfs");
                Files.write(file, b.array());
                assertRejected(file, "header length");
            }
        }
    }

    @Test
    @DisplayName("a header nested a hundred thousand arrays deep")
    void deeplyNestedHeader() throws IOException {
        List<Path> file = crafted("[".repeat(100_000), 0);
        assertRejected(file, "header is not valid JSON");
    }

    @Test
    @DisplayName("a real 2 MB model still loads in the same small heap")
    void honestFileLoads() throws IOException {
        Sequential model = Sequential.builder(784).dense(640).build(backend);
        Path file = dir.resolve("honest.nnfs");
        ModelFile.save(model, file);
        assertEquals(784 * 640 + 640, ModelFile.load(file, backend).parameterCount());
    }

    private void assertRejected(List<Path> files, String reason) {
        for (Path file : files) {
            assertRejected(file, reason);
        }
    }

    private void assertRejected(Path file, String reason) {
        for (boolean withTraining : new boolean[] {false, true}) {
            long before = allocatedBytes();
            InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> {
                if (withTraining) {
                    ModelFile.loadCheckpoint(file, backend);
                } else {
                    ModelFile.load(file, backend);
                }
            });
            long allocated = allocatedBytes() - before;
            assertTrue(e.getMessage().contains(reason), e.getMessage());
            assertTrue(allocated < ALLOWANCE, "rejecting " + file.getFileName() + " allocated " + allocated + " bytes");
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static String header(String layers, int input, String tensors, int parameters) {
        return "{\"format\":\"nnfs-model\",\"version\":1,\"dtype\":\"float32\",\"input\":" + input
                + ",\"init\":\"he\",\"seed\":1,\"layers\":" + layers + ",\"parameters\":" + parameters
                + ",\"tensors\":" + tensors + "}";
    }

    /**
     * Files with a valid preamble and checksum around {@code header} and {@code dataBytes} zero bytes, in
     * format version 1 and in version 2 (whose table entries also name their kind).
     */
    private List<Path> crafted(String header, int dataBytes) throws IOException {
        byte[] data = new byte[dataBytes];
        Path v1 = dir.resolve("crafted-v1.nnfs");
        Files.write(v1, ModelFileFuzzTest.wrap(1, header.getBytes(StandardCharsets.UTF_8), data));
        String v2Header = header.replace("\"version\":1", "\"version\":2")
                .replace("{\"name\":", "{\"kind\":\"parameter\",\"name\":");
        Path v2 = dir.resolve("crafted-v2.nnfs");
        Files.write(v2, ModelFileFuzzTest.wrap(2, v2Header.getBytes(StandardCharsets.UTF_8), data));
        return List.of(v1, v2);
    }
}
