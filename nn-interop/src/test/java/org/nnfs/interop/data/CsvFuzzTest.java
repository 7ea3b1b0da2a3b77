package org.nnfs.interop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.interop.testing.FuzzChecks;

/**
 * Fuzzes the CSV reader: whatever a file holds, {@link Csv#read} returns examples that keep their promises
 * (finite features, one label per row within the classes, one name per feature) or throws
 * {@link InvalidDataFileException} naming the file; anything else, an {@link OutOfMemoryError} or a hang
 * fails. The first input byte picks the delimiter (comma, semicolon, tab); the label column is
 * {@code label}. The corpus is in {@code CsvFuzzTestInputs/read/}.
 */
class CsvFuzzTest {
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final Path DIR = FuzzChecks.tempDir("nnfs-csv-fuzz");

    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) {
        FuzzChecks.inTime(() -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = DIR.resolve("data.csv");
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try {
            LabeledData d = Csv.read(file, "label", DELIMITERS[Math.floorMod(input[0], DELIMITERS.length)]);
            assertEquals(d.rows() * d.cols(), d.features().length);
            assertEquals(d.cols(), d.featureNames().size());
            for (float v : d.features()) {
                assertTrue(Float.isFinite(v), "feature " + v);
            }
            for (int label : d.labels()) {
                assertTrue(label >= 0 && label < d.classes().size(), "label " + label + " of " + d.classes());
            }
        } catch (InvalidDataFileException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
