package org.nnfs.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.interop.testing.FuzzChecks;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/**
 * Fuzzes the ONNX importer: whatever bytes a file holds, {@link Onnx#load} returns a model that predicts,
 * and that exports and imports again, or throws {@link InvalidModelFileException} naming the file; any other
 * exception, an {@link OutOfMemoryError} or an input taking more than ten seconds fails. Without
 * {@code JAZZER_FUZZ} this replays the committed corpus in
 * {@code src/test/resources/org/nnfs/interop/onnx/OnnxFuzzTestInputs/load/} ({@link
 * org.nnfs.interop.testing.FuzzSeeds} wrote the seeds; findings stay there as {@code crash-...}).
 */
class OnnxFuzzTest {
    private static final Backend BACKEND = new ReferenceBackend();
    private static final Path DIR = FuzzChecks.tempDir("nnfs-onnx-fuzz");

    @FuzzTest(maxDuration = "60s")
    void load(byte[] input) {
        FuzzChecks.inTime(() -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        Path file = DIR.resolve("model.onnx");
        Files.write(file, input);
        try {
            Sequential model = Onnx.load(file, BACKEND);
            FuzzChecks.predicts(model);
            Path again = DIR.resolve("again.onnx");
            Onnx.save(model, again);
            FuzzChecks.sameOutputs(model, Onnx.load(again, BACKEND));
        } catch (InvalidModelFileException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
