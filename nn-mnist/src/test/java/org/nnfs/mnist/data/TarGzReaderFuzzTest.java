package org.nnfs.mnist.data;

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
 * Fuzzes the npm fallback's archive reader: whatever a {@code .tgz} holds, {@link TarGzReader#extract}
 * copies out the member asked for (at most the size allowed) or throws an {@link IOException} naming the
 * archive; any other exception or error fails the test, and so does one input taking more than ten
 * seconds.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed corpus in
 * {@code src/test/resources/org/nnfs/mnist/data/TarGzReaderFuzzTestInputs/extract/} (written by
 * {@link TarSeeds}); see the module README for the command that fuzzes for real.
 *
 * <p>The first input byte is the mode: bit 0 gzips the rest before writing it (so the fuzzer reaches the
 * tar parser behind the decompressor), otherwise the rest is the archive as it is.
 */
class TarGzReaderFuzzTest {
    /** The member looked for, as the npm source asks for it. */
    static final String MEMBER = "t10k-labels-idx1-ubyte";
    /** The most the member may hold. */
    static final long MAX_BYTES = 4096;

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnfs-tar-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    /** Longest time one input may take; a slower one counts as a hang. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "60s")
    void extract(byte[] input) {
        // Not JUnit's @Timeout: in fuzzing mode that would bound the whole fuzzing run, not one input.
        assertTimeoutPreemptively(LIMIT, () -> check(input), "an input took longer than " + LIMIT);
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        Path archive = TestData.write(DIR, "package.tgz", (input[0] & 1) != 0 ? TestData.gzip(rest) : rest);
        Path out = DIR.resolve("member");
        try {
            TarGzReader.extract(archive, MEMBER, out, MAX_BYTES);
            assertTrue(Files.size(out) <= MAX_BYTES, Files.size(out) + " bytes");
        } catch (IOException expected) {
            assertTrue(expected.getMessage() != null && expected.getMessage().startsWith(archive.toString()),
                    "the message names the archive: " + expected);
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(out);
        }
    }
}
