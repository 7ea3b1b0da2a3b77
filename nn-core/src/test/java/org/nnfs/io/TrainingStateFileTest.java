package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.data.Dataset;
import org.nnfs.model.Sequential;
import org.nnfs.optim.AdamW;
import org.nnfs.optim.ConstantSchedule;
import org.nnfs.optim.PlateauSchedule;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.Batching;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.EarlyStoppingState;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;
import org.nnfs.train.TrainingState;

/** The training toolkit's state in model files: every field round-trips; files written before it still load. */
class TrainingStateFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    private Dataset data() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[90 * 3];
        int[] labels = new int[90];
        for (int r = 0; r < 90; r++) {
            labels[r] = random.nextInt(2);
            for (int j = 0; j < 3; j++) {
                x[r * 3 + j] = (float) (labels[r] - 0.5 + random.nextGaussian());
            }
        }
        return Dataset.classification(backend, DType.FLOAT32, x, 90, 3, labels, 2);
    }

    /** A checkpoint taken after epoch 3 of a run using every part of the state. */
    private Path checkpointOfEverything(Trainer[] trainer) throws IOException {
        Sequential model = Sequential.builder(3).dense(5).relu().dropout(0.1).dense(2).softmax().seed(4).build(backend);
        trainer[0] = Trainer.builder(model).optimizer(new AdamW(0.01)).schedule(new PlateauSchedule(0.5, 1, 0.5, 1e-5, 1))
                .clipping(GradientClipping.byValue(0.3)).seed(8).note("augment", "2").build();
        Path file = dir.resolve("run.nnfs");
        TrainingListener save = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                if (summary.epoch() == 3) {
                    try {
                        ModelFile.save(trainer[0].checkpoint(), file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        trainer[0].fit(data(), FitOptions.builder().epochs(5).batchSize(20).validationSplit(0.2)
                .partialBatch(PartialBatch.DROP).earlyStopping(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 3,
                        1e-3, true)).listener(save).build());
        return file;
    }

    @Test
    @DisplayName("schedule and its state, clipping, batching, early stopping with its best weights, and notes "
            + "round-trip exactly")
    void everyFieldRoundTrips() throws IOException {
        Trainer[] trainer = new Trainer[1];
        Path file = checkpointOfEverything(trainer);
        TrainingState s = ModelFile.loadCheckpoint(file, backend).training().orElseThrow();
        assertEquals(3, s.epochsCompleted());
        assertEquals(new AdamW(0.01).config(), s.optimizer().config());
        assertEquals(new PlateauSchedule(0.5, 1, 0.5, 1e-5, 1).config(), s.schedule().config());
        assertEquals(3, s.scheduleState().size());
        assertEquals(GradientClipping.byValue(0.3), s.clipping());
        assertEquals(Optional.of(new Batching(20, 90, 0.2, PartialBatch.DROP)), s.batching());
        assertEquals(Map.of("augment", "2"), s.notes());
        EarlyStoppingState e = s.earlyStopping().orElseThrow();
        assertEquals(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 3, 1e-3, true), e.rule());
        assertTrue(e.bestEpoch() >= 1 && e.bestEpoch() <= 3, e.toString());
        assertEquals(s.history().get(e.bestEpoch() - 1).validationLoss(), e.best());
        assertEquals(4, e.bestTensors().size(), "the weights and biases of both dense layers: " + e);

        // What epoch 3 left, bit for bit: the plateau's numbers and the best weights (the trainer trained on since).
        Trainer again = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
        ModelFile.save(again.checkpoint(), dir.resolve("copy.nnfs"));
        TrainingState copy = ModelFile.loadCheckpoint(dir.resolve("copy.nnfs"), backend).training().orElseThrow();
        assertArrayEquals(s.scheduleState().values(), copy.scheduleState().values());
        for (int i = 0; i < e.bestTensors().size(); i++) {
            assertArrayEquals(e.bestTensors().get(i).toFloatArray(),
                    copy.earlyStopping().orElseThrow().bestTensors().get(i).toFloatArray());
        }
        assertEquals(s.history(), copy.history());
    }

    @Test
    @DisplayName("a version-2 file written before the training toolkit loads with its meaning: constant rate, "
            + "no clipping, no split, partial batch kept, no early stopping")
    void olderVersion2Files() throws IOException {
        Trainer[] trainer = new Trainer[1];
        Path file = checkpointOfEverything(trainer);
        Path older = rewriteHeader(file, header -> {
            ObjectNode t = (ObjectNode) header.get("training");
            t.remove(List.of("schedule", "schedule_config", "schedule_state", "clip_value", "validation_split",
                    "partial_batch", "early_stopping", "notes"));
            // An older file held no best tensors.
            var tensors = header.withArray("tensors");
            for (int i = tensors.size() - 1; i >= 0; i--) {
                if (tensors.get(i).get("kind").asText().equals("best")) {
                    tensors.remove(i);
                }
            }
            return header;
        }, true);
        TrainingState s = ModelFile.loadCheckpoint(older, backend).training().orElseThrow();
        assertEquals(new ConstantSchedule(0).config(), s.schedule().config());
        assertEquals(GradientClipping.none(), s.clipping());
        assertEquals(Optional.of(new Batching(20, 90, 0, PartialBatch.KEEP)), s.batching());
        assertTrue(s.earlyStopping().isEmpty());
        assertTrue(s.notes().isEmpty());
    }

    @Test
    @DisplayName("best-epoch tensors must match the model's by name and shape, and need early stopping")
    void bestTensorsAreChecked() throws IOException {
        Trainer[] trainer = new Trainer[1];
        Path file = checkpointOfEverything(trainer);
        Path renamed = rewriteHeader(file, header -> {
            ObjectNode last = (ObjectNode) header.withArray("tensors").get(header.withArray("tensors").size() - 1);
            last.put("name", "best.elsewhere");
            return header;
        }, false);
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.loadCheckpoint(renamed, backend));
        assertTrue(e.getMessage().contains("best 'best.elsewhere' [1, 2] does not match best-epoch tensor "
                + "'best.dense_3.bias' [1, 2]"), e.getMessage());
        Path orphaned = rewriteHeader(file, header -> {
            ((ObjectNode) header.get("training")).remove("early_stopping");
            return header;
        }, false);
        e = assertThrows(InvalidModelFileException.class, () -> ModelFile.loadCheckpoint(orphaned, backend));
        assertTrue(e.getMessage().contains("the file holds 4 best-epoch tensors; without early stopping it holds none"),
                e.getMessage());
        Path badSplit = rewriteHeader(file, header -> {
            ((ObjectNode) header.get("training")).put("validation_split", 1.5);
            return header;
        }, false);
        e = assertThrows(InvalidModelFileException.class, () -> ModelFile.loadCheckpoint(badSplit, backend));
        assertTrue(e.getMessage().contains("'validation_split' must be in [0, 1), got 1.5"), e.getMessage());
        assertEquals(2 + 2, ModelFile.load(orphaned, backend).tensors().size(), "the model alone still loads");
    }

    /**
     * A copy of {@code file} with its header rewritten by {@code edit} and the checksum recomputed; with
     * {@code dropBest}, the data of the best tensors (the last ones) is dropped too.
     */
    private Path rewriteHeader(Path file, UnaryOperator<ObjectNode> edit, boolean dropBest) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt(8);
        int headerLength = in.getInt(12);
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 16, headerLength, StandardCharsets.UTF_8));
        long bestBytes = 0;
        for (var t : header.withArray("tensors")) {
            if (t.get("kind").asText().equals("best")) {
                bestBytes += 4L * t.get("rows").asInt() * t.get("cols").asInt();
            }
        }
        byte[] newHeader = JSON.writeValueAsBytes(edit.apply(header));
        byte[] data = Arrays.copyOfRange(bytes, 16 + headerLength, (int) (bytes.length - 4 - (dropBest ? bestBytes : 0)));
        ByteBuffer out = ByteBuffer.allocate(16 + newHeader.length + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(bytes, 0, 8).putInt(version).putInt(newHeader.length).put(newHeader).put(data);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        Path copy = dir.resolve("edited-" + System.nanoTime() + ".nnfs");
        Files.write(copy, out.array());
        assertFalse(Files.isSameFile(copy, file));
        return copy;
    }
}
