package org.nnfs.interop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.interop.testing.FuzzChecks;

/**
 * Fuzzes the NumPy reader: whatever a file holds, {@link NumPy#read} and {@link NumPy#readNpz} return arrays
 * whose shape matches their values, or throw {@link InvalidDataFileException} naming the file; making
 * examples of two arrays succeeds or throws {@link IllegalArgumentException}. Anything else, an
 * {@link OutOfMemoryError} or a hang fails. The first input byte picks the kind: even {@code .npy}, odd
 * {@code .npz}. The corpus is in {@code NumPyFuzzTestInputs/read/}.
 */
class NumPyFuzzTest {
    private static final Path DIR = FuzzChecks.tempDir("nnfs-numpy-fuzz");

    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) {
        FuzzChecks.inTime(() -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        boolean archive = (input[0] & 1) == 1;
        Path file = DIR.resolve(archive ? "arrays.npz" : "array.npy");
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try {
            List<NpyArray> arrays = archive ? List.copyOf(NumPy.readNpz(file).values()) : List.of(NumPy.read(file));
            for (NpyArray a : arrays) {
                long elements = 1;
                for (long d : a.shape()) {
                    elements *= d;
                }
                assertEquals(elements, a.size(), a.toString());
            }
            if (arrays.size() >= 2) {
                try {
                    LabeledData d = NumPy.classification(arrays.get(0), arrays.get(1));
                    assertEquals(d.rows(), d.labels().length);
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                }
            }
        } catch (InvalidDataFileException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
