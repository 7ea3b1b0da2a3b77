package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.mnist.testing.TestData.concat;
import static org.nnfs.mnist.testing.TestData.gzip;
import static org.nnfs.mnist.testing.TestData.header;
import static org.nnfs.mnist.testing.TestData.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

/**
 * IDX files whose header claims more than they hold are rejected before memory is allocated for the
 * claim. Runs in its own JVM with {@code -Xmx64m} (the {@code bounded-allocation} execution in this
 * module's pom), where allocating the claims would end in an {@link OutOfMemoryError}; each case also
 * measures what the rejected read allocated on this thread.
 */
class IdxBoundedAllocationTest {
    /** Buffers of the streams and the first chunk of a gzip read (1 MiB), with room to spare. */
    private static final long ALLOWANCE = 4L << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 64L << 20, "this test must run with -Xmx64m, but the heap may grow to " + (max >> 20)
                + " MiB; run it through the module's bounded-allocation execution");
        // Load the reader's and gzip's classes first, so the measurements count only the reading.
        Path file = write(warmUp, "warm-up.gz", gzip(header(IdxReader.IMAGES_MAGIC, 1, 1, 1)));
        assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
    }

    @Test
    @DisplayName("billions of images claimed by a bare header, raw or gzipped")
    void billionsOfImages() throws IOException {
        byte[] claim = header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28);
        assertRejected("limit", () -> IdxReader.readImages(write(dir, "raw", claim)));
        assertRejected("limit", () -> IdxReader.readImages(write(dir, "raw", claim), 10));
        assertRejected("limit", () -> IdxReader.readImages(write(dir, "gz", gzip(claim))));
    }

    @Test
    @DisplayName("billions of labels claimed by a bare header")
    void billionsOfLabels() throws IOException {
        byte[] claim = header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE);
        assertRejected("limit", () -> IdxReader.readLabels(write(dir, "raw", claim)));
        assertRejected("limit", () -> IdxReader.readLabels(write(dir, "gz", gzip(claim))));
    }

    @Test
    @DisplayName("a picture of 65536 x 65536 pixels")
    void hugeImages() throws IOException {
        assertRejected("exceed the limit",
                () -> IdxReader.readImages(write(dir, "raw", header(IdxReader.IMAGES_MAGIC, 1, 65536, 65536))));
    }

    @Test
    @DisplayName("a claim just under the limit (95 MB) in a raw file of 1 KB")
    void rawClaimUnderTheLimit() throws IOException {
        int count = (int) (IdxReader.MAX_ELEMENTS / 784);
        Path file = write(dir, "raw", concat(header(IdxReader.IMAGES_MAGIC, count, 28, 28), new byte[1024]));
        assertRejected("truncated", () -> IdxReader.readImages(file));
    }

    @Test
    @DisplayName("the same claim gzipped: the buffer grows only with data that arrives")
    void gzipClaimUnderTheLimit() throws IOException {
        int count = (int) (IdxReader.MAX_ELEMENTS / 784);
        Path file = write(dir, "gz", gzip(concat(header(IdxReader.IMAGES_MAGIC, count, 28, 28), new byte[1024])));
        assertRejected("truncated", () -> IdxReader.readImages(file));
    }

    @Test
    @DisplayName("the real MNIST test set (7.8 MB of pixels) still loads in the same small heap, raw and gzipped")
    void honestFileLoads() throws IOException {
        Path real = TestData.mnistFile(MnistFile.TEST_IMAGES);
        assertEquals(10_000, IdxReader.readImages(real).count());
        // The other form, made by streaming so this test's own copy never sits in the small heap.
        Path other = dir.resolve(ContentDigest.isGzip(real) ? "raw" : "gzipped");
        try (InputStream in = ContentDigest.isGzip(real) ? new GZIPInputStream(Files.newInputStream(real))
                : Files.newInputStream(real);
             OutputStream out = ContentDigest.isGzip(real) ? Files.newOutputStream(other)
                     : new GZIPOutputStream(Files.newOutputStream(other))) {
            in.transferTo(out);
        }
        assertEquals(!ContentDigest.isGzip(real), ContentDigest.isGzip(other));
        assertEquals(10_000, IdxReader.readImages(other).count());
    }

    private static void assertRejected(String reason, Executable read) {
        long before = allocatedBytes();
        IdxFormatException e = assertThrows(IdxFormatException.class, read);
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(allocated < ALLOWANCE, "rejecting the claim allocated " + allocated + " bytes: " + e.getMessage());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
