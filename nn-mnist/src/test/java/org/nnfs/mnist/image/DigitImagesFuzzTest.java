package org.nnfs.mnist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.code_intelligence.jazzer.junit.FuzzTest;


/**
 * Fuzzes the picture loader of {@code predict}: whatever bytes an image file holds,
 * {@link DigitImages#prepare} returns a 28x28 input with every value in [0, 1] or throws the documented
 * {@link InvalidImageException} naming the file; any other exception or error (a runtime exception
 * from a decoder, an {@link OutOfMemoryError}) fails the test, and so does one input taking more than
 * the timeout.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed corpus in
 * {@code src/test/resources/org/nnfs/mnist/image/DigitImagesFuzzTestInputs/prepare/} (small PNG, JPEG,
 * GIF and BMP pictures of a digit - the last two refused - plus every finding); see the module README for the command that
 * fuzzes for real.
 */
class DigitImagesFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnfs-image-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    /** Longest time one picture may take; a slower one counts as a hang. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "60s")
    void prepare(byte[] input) {
        // Not JUnit's @Timeout: in fuzzing mode that would bound the whole fuzzing run, not one input.
        assertTimeoutPreemptively(LIMIT, () -> check(input), "a picture took longer than " + LIMIT);
    }

    private static void check(byte[] input) throws IOException {
        Path file = DIR.resolve("picture");
        Files.write(file, input);
        try {
            PreparedDigit digit = DigitImages.prepare(file);
            assertEquals(PreparedDigit.SIDE * PreparedDigit.SIDE, digit.pixels().length);
            for (float v : digit.pixels()) {
                assertTrue(v >= 0 && v <= 1, "pixel value " + v + " outside [0, 1]");
            }
        } catch (InvalidImageException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
