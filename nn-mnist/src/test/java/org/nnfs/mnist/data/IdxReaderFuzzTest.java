package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.mnist.testing.TestData;

/**
 * Fuzzes the IDX reader: whatever a file holds, {@link IdxReader} returns what its header declares
 * (or the requested prefix) or throws the documented {@link IdxFormatException} naming the file; any
 * other exception or error (a runtime exception, an {@link OutOfMemoryError}) fails the test, and so
 * does one input taking more than ten seconds.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed corpus in
 * {@code src/test/resources/org/nnfs/mnist/data/IdxReaderFuzzTestInputs/read/}; see the module README
 * for the command that fuzzes for real.
 *
 * <p>The first input byte is the mode: bit 0 gzips the rest before writing it (so the fuzzer reaches
 * the IDX parser behind the decompressor too), bits 1-2 pick the call (images, labels, declared count,
 * images with a limit) and bits 3-7 the limit (1..32).
 */
class IdxReaderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnfs-idx-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    /** Longest time one input may take; a slower one counts as a hang. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) {
        // Not JUnit's @Timeout: in fuzzing mode that would bound the whole fuzzing run, not one input.
        assertTimeoutPreemptively(LIMIT, () -> check(input), "an input took longer than " + LIMIT);
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 0xff;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        Path file = TestData.write(DIR, "data.idx", (mode & 1) != 0 ? TestData.gzip(rest) : rest);
        int limit = (mode >>> 3) + 1;
        try {
            switch ((mode >>> 1) & 3) {
                case 0 -> {
                    IdxImages images = IdxReader.readImages(file);
                    assertEquals(IdxReader.declaredCount(file), images.count());
                }
                case 1 -> {
                    byte[] labels = IdxReader.readLabels(file);
                    assertEquals(IdxReader.declaredCount(file), labels.length);
                    assertArrayEqualsPrefix(labels, IdxReader.readLabels(file, limit));
                }
                case 2 -> assertTrue(IdxReader.declaredCount(file) >= 0);
                default -> {
                    IdxImages images = IdxReader.readImages(file, limit);
                    assertTrue(images.count() <= limit, images.count() + " > " + limit);
                }
            }
        } catch (IdxFormatException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertArrayEqualsPrefix(byte[] all, byte[] prefix) {
        assertTrue(prefix.length <= all.length);
        assertTrue(Arrays.equals(prefix, Arrays.copyOf(all, prefix.length)), "the limited read is a prefix");
    }
}
