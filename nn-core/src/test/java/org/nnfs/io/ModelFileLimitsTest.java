package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Labelled;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.layer.Activation;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.TestStates;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.TrainingState;

/**
 * Nothing writes what its reader refuses: extreme but legal states (long histories, the largest counts,
 * long and unusual text) are written and read back unchanged, and what a reader would refuse is refused
 * by the writer, before the file at the path is touched.
 */
class ModelFileLimitsTest {
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @Test
    @DisplayName("a history of 20,000 epochs, the largest counts and a 100,000-character label round-trip")
    void extremeButLegalStatesRoundTrip() throws IOException {
        // Settings are read trimmed, so a label that would rebuild starts and ends with something else.
        String label = "<" + ("long \"quoted\" \\ text \u00e9\u4e2d\ud83d\ude00 \u0000\n\t").repeat(5_000) + ">";
        Sequential model = Sequential.builder(3).add(new Labelled(label)).dense(2).add(new Recenter(0.5)).softmax()
                .dtype(DType.FLOAT64).init(Initializer.normal(1e-300)).seed(Long.MIN_VALUE).build(backend);
        double[] extremes = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0, Math.PI};
        for (ModelTensor t : model.tensors()) {
            fill(t.value(), extremes);
        }
        Optimizer adam = Registry.optimizers().create("adam", Map.of("lr", "1e-300", "epsilon", "1e300"));
        OptimizerState moments = adam.newState(model.parameters().stream().map(p -> p.value()).toList());
        moments.tensors().forEach(t -> fill(t, extremes));
        List<EpochSummary> history = new ArrayList<>();
        for (int e = 1; e <= 20_000; e++) {
            history.add(new EpochSummary(Integer.MAX_VALUE - 20_000 + e, 1.0 / e, Double.NaN, Double.MAX_VALUE,
                    Double.MIN_VALUE, 1e-3 * e, 123456.789));
        }
        TrainingState state = TestStates.plain(adam, new OptimizerState(Long.MAX_VALUE, moments.tensors()),
                new CrossEntropy(), Long.MIN_VALUE, Integer.MAX_VALUE, history, OptionalInt.of(Integer.MAX_VALUE),
                OptionalInt.of(Integer.MAX_VALUE));

        Path file = dir.resolve("extreme.nnfs");
        ModelFile.save(Checkpoint.of(model, state), file);
        assertSameCheckpoint(Checkpoint.of(model, state), ModelFile.loadCheckpoint(file, backend));
    }

    @Test
    @DisplayName("a header longer than a reader accepts is refused before the file is touched")
    void headerBeyondTheReadersLimit() throws IOException {
        Sequential model = Sequential.builder(2).dense(2).build(backend);
        Path file = dir.resolve("m.nnfs");
        ModelFile.save(model, file);
        byte[] before = Files.readAllBytes(file);
        List<EpochSummary> history = new ArrayList<>();
        for (int e = 1; e <= 90_000; e++) {
            history.add(new EpochSummary(e, 0.1234567890123 / e, 0.98765432101, 0.1357913579 / e, 0.91, 1.2345678,
                    54321.0987654321));
        }
        Optimizer sgd = Registry.optimizers().create("sgd", Map.of());
        TrainingState state = TestStates.plain(sgd, new OptimizerState(90_000, List.of()), new MeanSquaredError(), 1,
                90_000, history, OptionalInt.of(1), OptionalInt.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(Checkpoint.of(model, state), file));
        assertTrue(e.getMessage().startsWith("cannot save to " + file + ": its header would take "), e.getMessage());
        assertTrue(e.getMessage().contains("the history of 90000 epochs"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertOnlyFile(file);
    }

    @Test
    @DisplayName("random states, some at every limit: each is read back exactly or refused before writing")
    void randomStatesRoundTripOrAreRefused() throws IOException {
        SplittableRandom random = new SplittableRandom(1414);
        Path file = dir.resolve("random.nnfs");
        ModelFile.save(Sequential.builder(1).dense(1).build(backend), file);
        int written = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            RandomState s = new RandomState(random);
            Checkpoint checkpoint = s.checkpoint();
            byte[] before = Files.readAllBytes(file);
            if (s.refusal == null) {
                ModelFile.save(checkpoint, file);
                assertSameCheckpoint(checkpoint, ModelFile.loadCheckpoint(file, backend));
                written++;
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ModelFile.save(checkpoint, file), "state " + i + " (" + s.refusal + ")");
                assertTrue(e.getMessage().contains(s.refusal), "state " + i + ": " + e.getMessage());
                assertArrayEquals(before, Files.readAllBytes(file), "state " + i);
                refused++;
            }
            assertOnlyFile(file);
        }
        assertTrue(written > 100 && refused > 20, written + " written, " + refused + " refused");
    }

    /**
     * A random model and training state; {@code refusal} is a part of the message a save must fail with: that
     * of a header a reader would refuse, else that of a non-finite value (a writer checks the header first).
     */
    private final class RandomState {
        private static final double[] DOUBLES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1.0 / 3, 1e-310, -7.5e305};
        private static final double[] FLOATS = {0.0, -0.0, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, 1.0f / 3, 1e-40f};
        private static final int[] EPOCHS = {1, 2, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1_000_000};

        private final SplittableRandom random;
        private String headerRefusal;
        private String valueRefusal;
        String refusal;

        RandomState(SplittableRandom random) {
            this.random = random;
        }

        Checkpoint checkpoint() {
            DType dtype = random.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int input = 1 + random.nextInt(4);
            Sequential.Builder b = Sequential.builder(input).dtype(dtype).seed(random.nextLong());
            int layers = 1 + random.nextInt(5);
            for (int i = 0; i < layers; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> b.dense(1 + random.nextInt(4));
                    case 1 -> b.add(new Activation(new TestLeakyRelu(random.nextDouble())));
                    case 2 -> b.add(new Recenter(random.nextDouble()));
                    case 3 -> b.add(new Labelled(text()));
                    case 4 -> b.dropout(random.nextDouble(0, 1));
                    default -> b.tanh();
                }
            }
            Sequential model = b.build(backend);
            double[] values = dtype == DType.FLOAT32 ? FLOATS : DOUBLES;
            for (ModelTensor t : model.tensors()) {
                fill(t.value(), values);
            }
            if (random.nextInt(8) == 0 && !model.tensors().isEmpty()) {
                ModelTensor t = model.tensors().get(random.nextInt(model.tensors().size()));
                poison(t.value());
                valueRefusal = t.name();
            }
            if (random.nextInt(4) == 0) {
                refusal = valueRefusal;
                return Checkpoint.of(model);
            }
            String[] optimizers = {"sgd", "momentum", "adam", "test_rmsprop"};
            Map<String, String> settings = new HashMap<>();
            settings.put("lr", Double.toString(new double[] {Double.MIN_VALUE, 1e300, 0.5}[random.nextInt(3)]));
            Optimizer optimizer = Registry.optimizers().create(optimizers[random.nextInt(4)], settings);
            OptimizerState state = optimizer.newState(model.parameters().stream().map(p -> p.value()).toList());
            state.tensors().forEach(t -> fill(t, values));
            if (random.nextInt(8) == 0 && !state.tensors().isEmpty()) {
                int i = random.nextInt(state.tensors().size());
                poison(state.tensors().get(i));
                valueRefusal = valueRefusal != null ? valueRefusal : "optimizer." + i;
            }
            List<EpochSummary> history = new ArrayList<>();
            int epochs = random.nextInt(30);
            for (int e = 0; e < epochs; e++) {
                int epoch = random.nextInt(40) == 0 ? -random.nextInt(3) : EPOCHS[random.nextInt(EPOCHS.length)];
                if (epoch < 1 && headerRefusal == null) {
                    headerRefusal = "header field 'epoch' must be an integer in [1, 2147483647], got " + epoch;
                }
                history.add(new EpochSummary(epoch, number(), number(), number(), number(), number(), number()));
            }
            OptionalInt batch = random.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(1 + random.nextInt(Integer.MAX_VALUE));
            OptionalInt size = batch.isEmpty() ? OptionalInt.empty() : OptionalInt.of(1 + random.nextInt(Integer.MAX_VALUE));
            TrainingState training = TestStates.plain(optimizer,
                    new OptimizerState(random.nextLong(0, Long.MAX_VALUE), state.tensors()),
                    random.nextBoolean() ? new CrossEntropy() : new MeanSquaredError(), random.nextLong(),
                    random.nextInt(0, Integer.MAX_VALUE), history, batch, size);
            refusal = headerRefusal != null ? headerRefusal : valueRefusal;
            return Checkpoint.of(model, training);
        }

        /**
         * Text of any length up to a few thousand characters, from every plane, quotes and controls included;
         * now and then with half of a surrogate pair (JSON escapes it, so even that is read back as it was).
         */
        private String text() {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(10) == 0 ? random.nextInt(5000) : random.nextInt(12);
            while (sb.length() < n) {
                switch (random.nextInt(5)) {
                    case 0 -> sb.append((char) random.nextInt(0x20));
                    case 1 -> sb.append("\"\\/");
                    case 2 -> sb.appendCodePoint(random.nextInt(0x20, 0xD800));
                    case 3 -> sb.appendCodePoint(random.nextInt(0x10000, 0x110000));
                    default -> sb.append((char) random.nextInt('a', 'z' + 1));
                }
            }
            if (random.nextInt(20) == 0) {
                sb.insert(random.nextInt(sb.length() + 1), (char) random.nextInt(0xD800, 0xE000));
            }
            return "<" + sb + ">"; // settings are read trimmed: a label with spaces at its ends would not rebuild
        }

        /** A history number: any double, non-finite ones included (a reader gives those back as NaN). */
        private double number() {
            return switch (random.nextInt(6)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> DOUBLES[random.nextInt(DOUBLES.length)];
                default -> Double.longBitsToDouble(random.nextLong());
            };
        }

        private void poison(Tensor t) {
            double[] v = t.toDoubleArray();
            v[random.nextInt(v.length)] = new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}[random.nextInt(3)];
            copy(v, t);
        }

        private void fill(Tensor t, double[] values) {
            double[] v = new double[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(3) == 0 ? values[random.nextInt(values.length)] : random.nextGaussian();
            }
            copy(v, t);
        }
    }

    private void fill(Tensor t, double[] values) {
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i % values.length];
        }
        copy(v, t);
    }

    private void copy(double[] v, Tensor t) {
        if (t.dtype() == DType.FLOAT32) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            backend.copyFrom(f, t);
        } else {
            backend.copyFrom(v, t);
        }
    }

    private void assertOnlyFile(Path file) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "nothing but the model file (no temporary file)");
        }
    }

    private static void assertSameCheckpoint(Checkpoint expected, Checkpoint actual) {
        Sequential e = expected.model();
        Sequential a = actual.model();
        assertEquals(e.dtype(), a.dtype());
        assertEquals(e.inputSize(), a.inputSize());
        assertEquals(e.seed(), a.seed());
        assertEquals(Registry.initializers().format(e.initializer()), Registry.initializers().format(a.initializer()));
        assertEquals(e.layers().size(), a.layers().size());
        for (int i = 0; i < e.layers().size(); i++) {
            assertEquals(e.layers().get(i).type(), a.layers().get(i).type());
            assertEquals(e.layers().get(i).config(), a.layers().get(i).config(), "layer " + i);
        }
        assertSameTensors(e.tensors().stream().map(ModelTensor::value).toList(),
                a.tensors().stream().map(ModelTensor::value).toList());
        assertEquals(expected.training().isPresent(), actual.training().isPresent());
        if (expected.training().isEmpty()) {
            return;
        }
        TrainingState se = expected.training().get();
        TrainingState sa = actual.training().get();
        assertEquals(se.optimizer().config(), sa.optimizer().config());
        assertEquals(se.optimizer().type(), sa.optimizer().type());
        assertEquals(se.loss().type(), sa.loss().type());
        assertEquals(se.optimizerState().steps(), sa.optimizerState().steps());
        assertSameTensors(se.optimizerState().tensors(), sa.optimizerState().tensors());
        assertEquals(se.seed(), sa.seed());
        assertEquals(se.epochsCompleted(), sa.epochsCompleted());
        assertEquals(se.batchSize(), sa.batchSize());
        assertEquals(se.trainingSetSize(), sa.trainingSetSize());
        assertEquals(se.history().size(), sa.history().size());
        for (int i = 0; i < se.history().size(); i++) {
            EpochSummary he = se.history().get(i);
            EpochSummary ha = sa.history().get(i);
            assertEquals(he.epoch(), ha.epoch());
            double[] ve = {he.trainLoss(), he.trainAccuracy(), he.validationLoss(), he.validationAccuracy(),
                he.seconds(), he.samplesPerSecond()};
            double[] va = {ha.trainLoss(), ha.trainAccuracy(), ha.validationLoss(), ha.validationAccuracy(),
                ha.seconds(), ha.samplesPerSecond()};
            for (int j = 0; j < ve.length; j++) {
                // A file keeps every finite number exactly; it has no infinities, which read back as NaN.
                double want = Double.isFinite(ve[j]) ? ve[j] : Double.NaN;
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(va[j]), "history " + i + ", " + j);
            }
        }
    }

    private static void assertSameTensors(List<Tensor> expected, List<Tensor> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).dtype(), actual.get(i).dtype());
            assertTrue(actual.get(i).hasShape(expected.get(i).rows(), expected.get(i).cols()));
            double[] e = expected.get(i).toDoubleArray();
            double[] a = actual.get(i).toDoubleArray();
            for (int j = 0; j < e.length; j++) {
                assertEquals(Double.doubleToRawLongBits(e[j]), Double.doubleToRawLongBits(a[j]), "tensor " + i);
            }
        }
    }
}
