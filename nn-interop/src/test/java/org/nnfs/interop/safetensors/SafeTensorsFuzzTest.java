package org.nnfs.interop.safetensors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.interop.testing.FuzzChecks;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/**
 * Fuzzes the safetensors reader: whatever bytes a file holds, {@link SafeTensors#load} returns a model that
 * predicts and round-trips, or throws {@link InvalidModelFileException} naming the file; anything else, an
 * {@link OutOfMemoryError} or a hang fails. The first input byte picks the form: even, the bytes as they
 * are; odd, a header and data split at the first zero byte, wrapped with the right length prefix (so the
 * fuzzer gets past it). The corpus is in {@code SafeTensorsFuzzTestInputs/load/}.
 */
class SafeTensorsFuzzTest {
    private static final Backend BACKEND = new ReferenceBackend();
    private static final Path DIR = FuzzChecks.tempDir("nnfs-safetensors-fuzz");

    @FuzzTest(maxDuration = "60s")
    void load(byte[] input) {
        FuzzChecks.inTime(() -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = DIR.resolve("model.safetensors");
        Files.write(file, fileBytes(input[0], Arrays.copyOfRange(input, 1, input.length)));
        try {
            Sequential model = SafeTensors.load(file, BACKEND);
            FuzzChecks.predicts(model);
            Path again = DIR.resolve("again.safetensors");
            SafeTensors.save(model, again);
            FuzzChecks.sameOutputs(model, SafeTensors.load(again, BACKEND));
        } catch (InvalidModelFileException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The file an input stands for; see the class comment. */
    static byte[] fileBytes(byte mode, byte[] rest) {
        if ((mode & 1) == 0) {
            return rest;
        }
        int split = 0;
        while (split < rest.length && rest[split] != 0) {
            split++;
        }
        byte[] data = Arrays.copyOfRange(rest, Math.min(split + 1, rest.length), rest.length);
        return wrap(Arrays.copyOfRange(rest, 0, split), data);
    }

    /** The length prefix, the header, the data. */
    static byte[] wrap(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }
}
