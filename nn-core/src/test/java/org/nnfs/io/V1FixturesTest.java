package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.data.Dataset;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingState;

/**
 * Model files of format version 1, written by the code of that version (by {@code V1FixtureWriter}
 * in the commit that added them), still load: every weight, every optimizer state value and the training progress equal the values
 * recorded when the files were written, and the loaded model computes the same outputs.
 */
class V1FixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam-float32", "plain-float64", "momentum-float32"})
    @DisplayName("a version-1 file loads with the weights and outputs recorded when it was written")
    void modelLoads(String name) throws IOException {
        JsonNode expected = expected(name);
        Sequential model = ModelFile.load(fixture(name), backend);
        assertEquals(expected.get("model").asText(), model.toString());
        assertEquals(expected.get("dtype").asText(), model.dtype().label());
        assertEquals(expected.get("input").asInt(), model.inputSize());
        assertEquals(expected.get("init").asText(), model.initializer().toString());
        assertEquals(expected.get("seed").asLong(), model.seed());
        assertEquals(expected.get("parameter_count").asLong(), model.parameterCount());
        List<ModelTensor> params = model.tensors();
        JsonNode recorded = expected.get("parameters");
        assertEquals(recorded.size(), params.size());
        for (int i = 0; i < params.size(); i++) {
            assertEquals(recorded.get(i).get("name").asText(), params.get(i).name());
            assertSameValues(recorded.get(i), params.get(i).value(), name + " " + params.get(i).name());
        }
        assertSameValues(expected.get("probe_output"), model.predict(probe(model)), name + " outputs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam-float32", "momentum-float32"})
    @DisplayName("a version-1 checkpoint restores the optimizer state and progress recorded when it was written")
    void trainingStateLoads(String name) throws IOException {
        JsonNode expected = expected(name).get("training");
        TrainingState training = ModelFile.loadCheckpoint(fixture(name), backend).training().orElseThrow();
        assertEquals(OptionalInt.empty(), training.batchSize(), "version 1 did not record the batch size");
        assertEquals(OptionalInt.empty(), training.trainingSetSize());
        Trainer trainer = Trainer.resume(ModelFile.loadCheckpoint(fixture(name), backend));
        assertEquals(expected.get("loss").asText(), trainer.loss().type());
        assertEquals(expected.get("optimizer").asText(), trainer.optimizer().type());
        assertEquals(expected.get("optimizer_string").asText(), trainer.optimizer().toString());
        assertEquals(expected.get("optimizer_steps").asLong(), trainer.optimizerState().steps());
        assertEquals(expected.get("epochs_completed").asInt(), trainer.epochsCompleted());
        assertEquals(expected.get("seed").asLong(), trainer.seed());
        List<Tensor> state = trainer.optimizerState().tensors();
        JsonNode recorded = expected.get("optimizer_state");
        assertEquals(recorded.size(), state.size());
        for (int i = 0; i < state.size(); i++) {
            assertSameValues(recorded.get(i), state.get(i), name + " optimizer state " + i);
        }
        JsonNode losses = expected.get("train_losses");
        assertEquals(losses.size(), trainer.history().epochs().size());
        for (int i = 0; i < losses.size(); i++) {
            assertEquals(losses.get(i).asDouble(), trainer.history().epochs().get(i).trainLoss(), name + " epoch " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam-float32", "momentum-float32"})
    @DisplayName("training resumes from a version-1 checkpoint with any batch size, and saves as version 2")
    void resumesAndRewrites(String name) throws IOException {
        Trainer trainer = Trainer.resume(ModelFile.loadCheckpoint(fixture(name), backend));
        int epochs = trainer.epochsCompleted();
        Sequential model = trainer.model();
        float[] x = new float[12 * model.inputSize()];
        int[] labels = new int[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5 - 2) / 2f;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % model.outputSize();
        }
        Dataset data = Dataset.classification(backend, model.dtype(), x, 12, model.inputSize(), labels, model.outputSize());
        trainer.fit(data, FitOptions.builder().epochs(1).batchSize(5).build());
        assertEquals(epochs + 1, trainer.epochsCompleted());

        Path rewritten = dir.resolve(name + "-v2.nnfs");
        ModelFile.save(trainer.checkpoint(), rewritten);
        assertEquals(ModelFile.VERSION, ByteBuffer.wrap(Files.readAllBytes(rewritten), 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt());
        Trainer again = Trainer.resume(ModelFile.loadCheckpoint(rewritten, backend));
        assertEquals(OptionalInt.of(5), again.batchSize());
        assertEquals(OptionalInt.of(12), again.trainingSetSize());
        assertEquals(trainer.optimizerState().steps(), again.optimizerState().steps());
        for (int i = 0; i < model.tensors().size(); i++) {
            assertArrayEquals(model.tensors().get(i).value().toDoubleArray(),
                    again.model().tensors().get(i).value().toDoubleArray());
        }
    }

    /** Three rows of fixed inputs, {@code (i % 7 - 3) / 3}, as when the outputs were recorded. */
    private static Tensor probe(Sequential model) {
        double[] x = new double[3 * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) / 3.0;
        }
        return model.backend().fromArray(x, 3, model.inputSize(), model.dtype());
    }

    /** Bit for bit: the recorded doubles are the exact values (a float32 widens exactly). */
    private static void assertSameValues(JsonNode recorded, Tensor actual, String what) {
        assertTrue(actual.hasShape(recorded.get("rows").asInt(), recorded.get("cols").asInt()), what + " " + actual.shape());
        double[] values = new double[recorded.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = recorded.get("values").get(i).asDouble();
        }
        assertArrayEquals(values, actual.toDoubleArray(), what);
    }

    static Path fixture(String name) {
        try {
            return Path.of(V1FixturesTest.class.getResource("v1/" + name + ".nnfs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected(String name) throws IOException {
        try (InputStream in = V1FixturesTest.class.getResourceAsStream("v1/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }
}
