package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.Trainer;

/**
 * Fuzzes the model-file reader: whatever bytes a file holds, {@link ModelFile#load} and
 * {@link ModelFile#loadCheckpoint} either return a usable model (and training state, which a trainer
 * resumes from) or throw the documented {@link InvalidModelFileException}; any other exception or error
 * (a runtime exception, an {@link OutOfMemoryError}) fails the test, and so does one input taking more
 * than ten seconds.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed corpus in
 * {@code src/test/resources/org/nnfs/io/ModelFileFuzzTestInputs/load/} (seeds and every finding);
 * see {@code nn-mnist/README.md} for the command that fuzzes for real.
 *
 * <p>The first input byte picks how the rest becomes a file, so the fuzzer is not stopped by the
 * checksum: 0 the bytes as they are; 1 the bytes with the trailing CRC-32 made correct; 2 and 3 a JSON
 * header and tensor data (split at the first zero byte) wrapped in a correct preamble of format version
 * 1 (2) or 2 (3) and a checksum. Seeds of version 1 were written by the version-1 code and stay.
 */
class ModelFileFuzzTest {
    private static final Backend BACKEND = new ReferenceBackend();
    /** Inference is run on loaded models only up to this many values per example (the file may claim more). */
    private static final long MAX_CHECKED_WIDTH = 1 << 16;
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnfs-model-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    /** Longest time one input may take; a slower one counts as a hang. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "60s")
    void load(byte[] input) {
        // Not JUnit's @Timeout: in fuzzing mode that would bound the whole fuzzing run, not one input.
        assertTimeoutPreemptively(LIMIT, () -> check(input), "an input took longer than " + LIMIT);
    }

    private static void check(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = DIR.resolve("model.nnfs");
        Files.write(file, fileBytes(input[0], Arrays.copyOfRange(input, 1, input.length)));
        try {
            try {
                Sequential model = ModelFile.load(file, BACKEND);
                checkUsable(model);
                checkRoundTrip(model);
            } catch (InvalidModelFileException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            }
            try {
                Checkpoint checkpoint = ModelFile.loadCheckpoint(file, BACKEND);
                checkUsable(checkpoint.model());
                if (checkpoint.training().isPresent()) {
                    Trainer trainer = Trainer.resume(checkpoint);
                    Path copy = DIR.resolve("copy.nnfs");
                    ModelFile.save(trainer.checkpoint(), copy);
                    Trainer again = Trainer.resume(ModelFile.loadCheckpoint(copy, BACKEND));
                    assertEquals(trainer.epochsCompleted(), again.epochsCompleted());
                    assertEquals(trainer.optimizerState().steps(), again.optimizerState().steps());
                    assertEquals(trainer.batchSize(), again.batchSize());
                    assertSameTensors(trainer.model(), again.model());
                }
            } catch (InvalidModelFileException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The file the input stands for; see the class comment. */
    static byte[] fileBytes(byte mode, byte[] rest) {
        switch (Math.floorMod(mode, 4)) {
            case 1:
                if (rest.length >= 4) {
                    byte[] fixed = rest.clone();
                    ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(rest.length - 4, crc(fixed, rest.length - 4));
                    return fixed;
                }
                return rest;
            case 2:
            case 3:
                int split = 0;
                while (split < rest.length && rest[split] != 0) {
                    split++;
                }
                byte[] header = Arrays.copyOfRange(rest, 0, split);
                byte[] data = Arrays.copyOfRange(rest, Math.min(split + 1, rest.length), rest.length);
                return wrap(Math.floorMod(mode, 4) == 2 ? 1 : 2, header, data);
            default:
                return rest;
        }
    }

    /** A preamble (magic, {@code version}, header length), header, data and a correct CRC-32. */
    static byte[] wrap(int version, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + header.length + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NNFSMODL".getBytes(StandardCharsets.US_ASCII)).putInt(version).putInt(header.length);
        b.put(header).put(data);
        b.putInt(crc(b.array(), b.position()));
        return b.array();
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** A loaded model predicts one example per output, when its width is small enough to try. */
    private static void checkUsable(Sequential model) {
        long widest = model.inputSize();
        int width = model.inputSize();
        for (var layer : model.layers()) {
            width = layer.outputSize(width);
            widest = Math.max(widest, width);
        }
        if (widest > MAX_CHECKED_WIDTH) {
            return;
        }
        Tensor out = model.predict(BACKEND.zeros(1, model.inputSize(), model.dtype()));
        assertTrue(out.hasShape(1, model.outputSize()), out.shape());
    }

    /** Saving what was loaded and loading it again gives the same parameters, bit for bit. */
    private static void checkRoundTrip(Sequential model) throws IOException {
        Path copy = DIR.resolve("copy.nnfs");
        ModelFile.save(model, copy);
        assertSameTensors(model, ModelFile.load(copy, BACKEND));
    }

    private static void assertSameTensors(Sequential a, Sequential b) {
        List<ModelTensor> pa = a.tensors();
        List<ModelTensor> pb = b.tensors();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertArrayEquals(pa.get(i).value().toDoubleArray(), pb.get(i).value().toDoubleArray(), pa.get(i).name());
        }
    }
}
