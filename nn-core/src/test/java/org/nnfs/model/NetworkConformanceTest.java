package org.nnfs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.io.ModelFile;
import org.nnfs.layer.Activation;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.LayerNorm;
import org.nnfs.layer.Mode;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.Rescale;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.loss.BinaryCrossEntropy;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.Loss;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.loss.SigmoidBinaryCrossEntropy;
import org.nnfs.loss.SoftmaxCrossEntropy;
import org.nnfs.optim.Adam;
import org.nnfs.optim.AdamW;
import org.nnfs.optim.CosineSchedule;
import org.nnfs.optim.PlateauSchedule;
import org.nnfs.optim.StepSchedule;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Nesterov;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerReference;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.RmsProp;
import org.nnfs.optim.Sgd;
import org.nnfs.optim.TestAdagrad;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.BatchProgress;
import org.nnfs.train.BatchTransform;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.History;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingDivergedException;
import org.nnfs.train.TrainingListener;

/**
 * The network library's contract on one backend: gradient checks by central differences in float64
 * for every layer and loss, training that learns, determinism and exact resumption, and model files.
 * Every backend module subclasses it next to {@code BackendConformanceTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NetworkConformanceTest {
    private Backend backend;

    /** The backend under test; called once per concrete test class. */
    protected abstract Backend createBackend();

    @BeforeAll
    final void createBackendOnce() {
        backend = Objects.requireNonNull(createBackend(), "createBackend() returned null");
    }

    /** Three Gaussian blobs in {@code inputs} dimensions: an easy {@code classes}-way problem. */
    static Dataset blobs(Backend backend, DType dtype, int rows, int inputs, int classes, long seed) {
        return blobs(backend, dtype, rows, inputs, classes, seed, seed);
    }

    /**
     * Blobs whose centres come from {@code seed} and whose samples come from {@code sampleSeed};
     * {@code classes = 1} makes two blobs with binary labels.
     */
    static Dataset blobs(Backend backend, DType dtype, int rows, int inputs, int classes, long seed, long sampleSeed) {
        SplittableRandom centreRandom = new SplittableRandom(seed);
        double[][] centres = new double[Math.max(classes, 2)][inputs];
        for (double[] c : centres) {
            for (int j = 0; j < inputs; j++) {
                c[j] = centreRandom.nextDouble(-2, 2);
            }
        }
        SplittableRandom random = new SplittableRandom(sampleSeed);
        float[] x = new float[rows * inputs];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(centres.length);
            for (int j = 0; j < inputs; j++) {
                x[r * inputs + j] = (float) (centres[labels[r]][j] + 0.5 * random.nextGaussian());
            }
        }
        return Dataset.classification(backend, dtype, x, rows, inputs, labels, classes);
    }

    // ------------------------------------------------------------------ gradient checks

    /**
     * A model (a Dense first, so every later layer's input gradient is checked too), a loss, and the mode of
     * the forward passes (inference matters for layers that then read their buffers).
     */
    record Case(String name, Supplier<Sequential.Builder> model, Supplier<Loss> loss, Mode mode) {
        Case(String name, Supplier<Sequential.Builder> model, Supplier<Loss> loss) {
            this(name, model, loss, Mode.TRAINING);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> gradientCases() {
        return Stream.of(
                new Case("dense + relu + dense + softmax, cross-entropy (fused)",
                        () -> Sequential.builder(5).dense(6).relu().dense(3).softmax(), CrossEntropy::new),
                new Case("dense + sigmoid + dense + softmax, mse (full softmax Jacobian)",
                        () -> Sequential.builder(5).dense(6).sigmoid().dense(3).softmax(), MeanSquaredError::new),
                new Case("dense + tanh + dense, softmax cross-entropy on logits",
                        () -> Sequential.builder(5).dense(6).tanh().dense(3), SoftmaxCrossEntropy::new),
                new Case("dense + sigmoid, cross-entropy on probabilities (unfused)",
                        () -> Sequential.builder(5).dense(6).tanh().dense(3).sigmoid(), CrossEntropy::new),
                new Case("dense + relu + dropout + dense, mse",
                        () -> Sequential.builder(5).dense(8).relu().dropout(0.3).dense(3), MeanSquaredError::new),
                new Case("user-registered: dense + leaky relu + recenter (a buffer) + dense, mse",
                        () -> Sequential.builder(5).dense(6).add(new Activation(new TestLeakyRelu(0.1)))
                                .add(new Recenter(0.5)).dense(3), MeanSquaredError::new),
                new Case("dense + rescale (buffers) + tanh + dense, mse",
                        () -> Sequential.builder(5).dense(6).add(new Rescale()).tanh().dense(3), MeanSquaredError::new),
                new Case("deep: dense/tanh/dense/relu/dense/softmax, cross-entropy",
                        () -> Sequential.builder(5).dense(7).tanh().dense(6).relu().dense(3).softmax(),
                        CrossEntropy::new),
                new Case("dense + leaky relu (slope 0.1) + dense, mse",
                        () -> Sequential.builder(5).dense(6).leakyRelu(0.1).dense(3), MeanSquaredError::new),
                new Case("dense + leaky relu (slope 1.5) + dense, mse",
                        () -> Sequential.builder(5).dense(6).leakyRelu(1.5).dense(3), MeanSquaredError::new),
                new Case("dense + gelu + dense + softmax, cross-entropy",
                        () -> Sequential.builder(5).dense(6).gelu().dense(3).softmax(), CrossEntropy::new),
                new Case("dense + batch norm + relu + dense + softmax, training mode (batch statistics)",
                        () -> Sequential.builder(5).dense(6).batchNorm().relu().dense(3).softmax(),
                        CrossEntropy::new),
                new Case("dense + batch norm (momentum 0.3, epsilon 0.01) + tanh + dense, mse, training mode",
                        () -> Sequential.builder(5).dense(6).add(new BatchNorm(0.3, 0.01)).tanh().dense(3),
                        MeanSquaredError::new),
                new Case("dense + batch norm + tanh + dense, mse, inference mode (running statistics)",
                        () -> Sequential.builder(5).dense(6).batchNorm().tanh().dense(3), MeanSquaredError::new,
                        Mode.INFERENCE),
                new Case("dense + layer norm + gelu + dense + softmax, cross-entropy",
                        () -> Sequential.builder(5).dense(6).layerNorm().gelu().dense(3).softmax(),
                        CrossEntropy::new),
                new Case("dense + layer norm (epsilon 0.1) + dense, mse, inference mode",
                        () -> Sequential.builder(5).dense(6).add(new LayerNorm(0.1)).dense(3), MeanSquaredError::new,
                        Mode.INFERENCE),
                new Case("dense + tanh + dense(1) + sigmoid, binary cross-entropy (fused)",
                        () -> Sequential.builder(5).dense(6).tanh().dense(1).sigmoid(), BinaryCrossEntropy::new),
                new Case("dense + relu + dense(3) + sigmoid, binary cross-entropy on three outputs (fused)",
                        () -> Sequential.builder(5).dense(6).relu().dense(3).sigmoid(), BinaryCrossEntropy::new),
                new Case("dense + tanh + dense(1), sigmoid binary cross-entropy on the logit",
                        () -> Sequential.builder(5).dense(6).tanh().dense(1), SigmoidBinaryCrossEntropy::new))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    @DisplayName("analytic gradients match central differences in float64")
    void gradientsMatchCentralDifferences(Case c) {
        Sequential model = c.model().get().init(Initializer.glorot()).seed(11).dtype(DType.FLOAT64).build(backend);
        // Non-zero biases, so that the check covers them as more than a pass-through.
        for (Parameter p : model.parameters()) {
            if (p.name().endsWith(".bias")) {
                double[] b = new double[p.value().size()];
                SplittableRandom r = new SplittableRandom(p.name().hashCode());
                for (int i = 0; i < b.length; i++) {
                    b[i] = r.nextDouble(-0.5, 0.5);
                }
                backend.copyFrom(b, p.value());
            }
        }
        // Buffers away from their first values (zeros and ones), so that inference reads more than an identity.
        for (ModelTensor t : model.tensors()) {
            if (!t.isParameter()) {
                double[] v = new double[t.value().size()];
                SplittableRandom r = new SplittableRandom(t.name().hashCode());
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.name().endsWith("_var") ? r.nextDouble(0.5, 2) : r.nextDouble(-0.5, 0.5);
                }
                backend.copyFrom(v, t.value());
            }
        }
        Dataset data = blobs(backend, DType.FLOAT64, 9, 5, model.outputSize() == 1 ? 1 : 3, 3);
        Tensor x = data.features();
        Tensor y = data.targets();
        Loss loss = c.loss().get();

        model.reseed(5);
        model.forward(x, c.mode());
        model.backward(loss, y);
        double h = 1e-6;
        for (Parameter p : model.parameters()) {
            double[] analytic = p.grad().toDoubleArray();
            double[] w = p.value().toDoubleArray();
            for (int i = 0; i < w.length; i++) {
                double saved = w[i];
                w[i] = saved + h;
                backend.copyFrom(w, p.value());
                double plus = lossAt(model, loss, x, y, c.mode());
                w[i] = saved - h;
                backend.copyFrom(w, p.value());
                double minus = lossAt(model, loss, x, y, c.mode());
                w[i] = saved;
                backend.copyFrom(w, p.value());
                double numeric = (plus - minus) / (2 * h);
                int index = i;
                double error = Math.abs(numeric - analytic[i]) / Math.max(1e-7, Math.abs(numeric) + Math.abs(analytic[i]));
                assertTrue(error < 1e-5 || Math.abs(numeric - analytic[i]) < 1e-9,
                        () -> c + ": " + p.name() + "[" + index + "] analytic " + analytic[index] + " vs numeric " + numeric
                                + ": relative error " + error);
            }
        }
    }

    private static double lossAt(Sequential model, Loss loss, Tensor x, Tensor y, Mode mode) {
        model.reseed(5); // the same dropout mask as the analytic pass
        Tensor out = model.forward(x, mode);
        return loss.compute(out, y, null);
    }

    // ------------------------------------------------------------------ training

    private Sequential smallClassifier(DType dtype, long seed) {
        return Sequential.builder(4).dense(16).relu().dense(3).softmax().init(Initializer.he()).seed(seed).dtype(dtype)
                .build(backend);
    }

    static Stream<Arguments> optimizers() {
        return Stream.<Supplier<Optimizer>>of(() -> new Sgd(0.1), () -> new Momentum(0.05, 0.9, false, 1e-4),
                () -> new Momentum(0.05, 0.9, true, 0), () -> new Nesterov(0.05, 0.9, 1e-4), () -> new Adam(0.01),
                () -> new AdamW(0.01, 0.9, 0.999, 1e-8, 0.05), () -> new RmsProp(0.005),
                () -> new RmsProp(0.002, 0.9, 1e-8, 0.5, 1e-4), () -> new TestAdagrad(0.05, 1e-10, 0))
                .map(s -> Arguments.of(s.get().toString(), s));
    }

    /** An optimizer and the plain-Java reference of its published rule, for one parameter. */
    record OptimizerCase(String name, Supplier<Optimizer> optimizer,
                         java.util.function.BiFunction<double[], Boolean, OptimizerReference> reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> optimizerRules() {
        double wd = 0.05;
        return Stream.of(
                new OptimizerCase("sgd", () -> new Sgd(0.1, wd), (w, d) -> OptimizerReference.sgd(w, wd, d)),
                new OptimizerCase("momentum", () -> new Momentum(0.1, 0.8, false, wd),
                        (w, d) -> OptimizerReference.momentum(w, 0.8, false, wd, d)),
                new OptimizerCase("nesterov", () -> new Nesterov(0.1, 0.8, wd),
                        (w, d) -> OptimizerReference.momentum(w, 0.8, true, wd, d)),
                new OptimizerCase("adam", () -> new Adam(0.1, 0.8, 0.99, 1e-8, wd),
                        (w, d) -> OptimizerReference.adam(w, 0.8, 0.99, 1e-8, wd, false, d)),
                new OptimizerCase("adamw", () -> new AdamW(0.1, 0.8, 0.99, 1e-8, 0.2),
                        (w, d) -> OptimizerReference.adam(w, 0.8, 0.99, 1e-8, 0.2, true, d)),
                new OptimizerCase("rmsprop", () -> new RmsProp(0.1, 0.9, 1e-8, 0, wd),
                        (w, d) -> OptimizerReference.rmsprop(w, 0.9, 1e-8, 0, wd, d)),
                new OptimizerCase("rmsprop with momentum", () -> new RmsProp(0.1, 0.99, 1e-6, 0.7, wd),
                        (w, d) -> OptimizerReference.rmsprop(w, 0.99, 1e-6, 0.7, wd, d)))
                .flatMap(c -> Stream.of(Arguments.of(c, DType.FLOAT64), Arguments.of(c, DType.FLOAT32)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("optimizerRules")
    @DisplayName("optimizers follow their published rules over several steps, weight decay on weights only, "
            + "at a learning rate that changes every step")
    void optimizersFollowTheirPublishedRules(OptimizerCase c, DType dtype) {
        SplittableRandom random = new SplittableRandom(c.name().hashCode());
        double[] weight = new double[6];
        double[] bias = new double[2];
        for (double[] a : List.of(weight, bias)) {
            for (int i = 0; i < a.length; i++) {
                a[i] = dtype == DType.FLOAT32 ? (float) random.nextDouble(-1, 1) : random.nextDouble(-1, 1);
            }
        }
        Parameter w = new Parameter("w", backend.fromArray(weight, 3, 2, dtype), backend.zeros(3, 2, dtype), true);
        Parameter b = new Parameter("b", backend.fromArray(bias, 1, 2, dtype), backend.zeros(1, 2, dtype), false);
        OptimizerReference rw = c.reference().apply(weight, true);
        OptimizerReference rb = c.reference().apply(bias, false);
        Optimizer optimizer = c.optimizer().get();
        OptimizerState state = optimizer.newState(List.of(w.value(), b.value()));
        double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
        for (int step = 1; step <= 8; step++) {
            double lr = optimizer.learningRate() * (1 + 0.5 * Math.sin(step));
            double[] gw = new double[6];
            double[] gb = new double[2];
            for (double[] g : List.of(gw, gb)) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = dtype == DType.FLOAT32 ? (float) random.nextDouble(-2, 2) : random.nextDouble(-2, 2);
                }
            }
            backend.copyFrom(gw, w.grad());
            backend.copyFrom(gb, b.grad());
            optimizer.step(List.of(w, b), state, lr);
            rw.step(gw, lr);
            rb.step(gb, lr);
            assertArrayEquals(rw.w, w.value().toDoubleArray(), tolerance, c + " weight after step " + step);
            assertArrayEquals(rb.w, b.value().toDoubleArray(), tolerance, c + " bias after step " + step);
        }
        assertEquals(8, state.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    @DisplayName("every optimizer learns an easy problem (validation accuracy > 0.9, loss falls)")
    void optimizersLearn(String name, Supplier<Optimizer> optimizer) {
        Dataset train = blobs(backend, DType.FLOAT32, 600, 4, 3, 21);
        Dataset test = blobs(backend, DType.FLOAT32, 300, 4, 3, 21, 99); // same blobs, unseen samples
        Trainer trainer = Trainer.builder(smallClassifier(DType.FLOAT32, 3)).optimizer(optimizer.get()).seed(4).build();
        History h = trainer.fit(train, FitOptions.builder().epochs(15).batchSize(32).validation(test).build());
        assertEquals(15, h.epochs().size());
        EpochSummary first = h.epochs().get(0);
        EpochSummary last = h.last();
        assertTrue(last.trainLoss() < first.trainLoss(), () -> name + ": loss did not fall: " + h.epochs());
        assertTrue(last.validationAccuracy() > 0.9, () -> name + ": validation accuracy " + last.validationAccuracy());
    }

    @Test
    @DisplayName("the same seed gives bit-identical weights; a different seed does not")
    void sameSeedSameWeights() {
        Dataset train = blobs(backend, DType.FLOAT32, 300, 4, 3, 8);
        float[][] a = trainedWeights(train, 9, 3);
        float[][] b = trainedWeights(train, 9, 3);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "parameter " + i);
        }
        float[][] c = trainedWeights(train, 10, 3);
        assertTrue(!java.util.Arrays.equals(a[0], c[0]), "a different trainer seed must shuffle differently");
    }

    private float[][] trainedWeights(Dataset train, long seed, int epochs) {
        Trainer t = Trainer.builder(smallClassifier(DType.FLOAT32, 1)).optimizer(new Momentum(0.05)).seed(seed).build();
        t.fit(train, FitOptions.builder().epochs(epochs).batchSize(50).build());
        return weights(t.model());
    }

    private static float[][] weights(Sequential model) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value().toFloatArray());
        }
        return out.toArray(new float[0][]);
    }

    @Test
    @DisplayName("every example is used each epoch, the partial last batch included")
    void partialLastBatchIsUsed() {
        Dataset train = blobs(backend, DType.FLOAT32, 103, 4, 3, 2);
        List<Integer> sizes = new ArrayList<>();
        int[] lastSamples = {0};
        TrainingListener l = new TrainingListener() {
            int previous;

            @Override
            public void onBatch(BatchProgress p) {
                sizes.add(p.samples() - (p.batch() == 1 ? 0 : previous));
                previous = p.samples();
                lastSamples[0] = p.samples();
                assertEquals(3, p.batches());
            }
        };
        Trainer.builder(smallClassifier(DType.FLOAT32, 1)).build()
                .fit(train, FitOptions.builder().epochs(1).batchSize(50).partialBatch(PartialBatch.KEEP).listener(l).build());
        assertEquals(List.of(50, 50, 3), sizes);
        assertEquals(103, lastSamples[0]);
    }

    @Test
    @DisplayName("listeners see start, every batch, every epoch and the end, in order")
    void listenersAreCalled() {
        Dataset train = blobs(backend, DType.FLOAT32, 100, 4, 3, 2);
        List<String> calls = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onStart(Trainer trainer, int firstEpoch, int lastEpoch) {
                calls.add("start " + firstEpoch + "-" + lastEpoch);
            }

            @Override
            public void onBatch(BatchProgress p) {
                assertTrue(Double.isFinite(p.runningLoss()) && p.samplesPerSecond() >= 0);
                calls.add("batch " + p.epoch() + "." + p.batch());
            }

            @Override
            public void onEpoch(EpochSummary s) {
                assertTrue(s.seconds() >= 0 && s.samplesPerSecond() > 0 && Double.isNaN(s.validationLoss()));
                calls.add("epoch " + s.epoch());
            }

            @Override
            public void onEnd(History h) {
                calls.add("end " + h.epochs().size());
            }
        };
        Trainer.builder(smallClassifier(DType.FLOAT32, 1)).build()
                .fit(train, FitOptions.builder().epochs(2).batchSize(60).listener(l).build());
        assertEquals(List.of("start 1-2", "batch 1.1", "batch 1.2", "epoch 1", "batch 2.1", "batch 2.2", "epoch 2",
                "end 2"), calls);
    }

    @Test
    @DisplayName("a non-finite loss stops training with an error naming the epoch and batch")
    void divergenceIsReported() {
        Dataset train = blobs(backend, DType.FLOAT32, 200, 4, 3, 2);
        Trainer t = Trainer.builder(Sequential.builder(4).dense(16).relu().dense(3).init(Initializer.he()).build(backend))
                .optimizer(new Sgd(1e6)).loss(new MeanSquaredError()).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(train, FitOptions.builder().epochs(5).batchSize(20).build()));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertTrue(e.epoch() >= 1 && e.batch() >= 1);
    }

    @Test
    @DisplayName("early stopping ends training when the monitored metric stalls")
    void earlyStopping() {
        Dataset train = blobs(backend, DType.FLOAT32, 200, 4, 3, 2);
        Trainer t = Trainer.builder(smallClassifier(DType.FLOAT32, 1)).optimizer(new Sgd(1e-9)).build();
        History h = t.fit(train, FitOptions.builder().epochs(50).batchSize(50).validation(train)
                .earlyStopping(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 1e-3)).build());
        assertEquals(3, h.epochs().size(), "best at epoch 1, then two epochs without improvement");
        assertTrue(h.stopReason().contains("early stopping"), h.stopReason());
    }

    /** Half the mean squared error: a loss of the user's own, registered nowhere; counts its calls. */
    private static final class HalfSquaredError implements Loss {
        private final MeanSquaredError mse = new MeanSquaredError();
        int calls;

        @Override
        public String type() {
            return "half_squared_error";
        }

        @Override
        public double compute(Tensor output, Tensor target, Tensor grad) {
            calls++;
            double value = mse.compute(output, target, grad);
            if (grad != null) {
                grad.backend().scale(0.5, grad, grad);
            }
            return value / 2;
        }
    }

    @Test
    @DisplayName("a user-defined loss, registered nowhere, trains and measures the validation set")
    void userDefinedLossWithValidation() {
        Dataset train = blobs(backend, DType.FLOAT32, 300, 4, 3, 12);
        Dataset test = blobs(backend, DType.FLOAT32, 150, 4, 3, 12, 77);
        HalfSquaredError loss = new HalfSquaredError();
        Trainer t = Trainer.builder(smallClassifier(DType.FLOAT32, 2)).optimizer(new Sgd(0.5)).loss(loss).seed(3).build();
        History h = t.fit(train, FitOptions.builder().epochs(3).batchSize(30).validation(test).build());
        assertTrue(h.last().validationLoss() < h.epochs().get(0).trainLoss(), h.epochs().toString());
        int before = loss.calls;
        org.nnfs.eval.Evaluation e = t.evaluate(test);
        assertTrue(loss.calls > before, "evaluation uses the trainer's own loss instance");
        assertEquals(h.last().validationLoss(), e.loss(), "validation after the last epoch saw the same weights");
        double mse = org.nnfs.eval.Evaluator.evaluate(t.model(), test, new MeanSquaredError()).loss();
        assertEquals(mse / 2, e.loss(), 1e-12);
    }

    // ------------------------------------------------------------------ model files

    @TempDir
    Path dir;

    @Test
    @DisplayName("a saved model loads with identical weights and predictions")
    void modelFileRoundTrip() throws IOException {
        Dataset data = blobs(backend, DType.FLOAT32, 1500, 4, 3, 5);
        Sequential model = Sequential.builder(4).dense(8).tanh().dense(3).softmax().init(Initializer.normal(0.1))
                .build(backend);
        Path file = dir.resolve("nested/model.nnfs");
        ModelFile.save(model, file);
        Sequential loaded = ModelFile.load(file, backend);
        assertEquals(model.toString(), loaded.toString());
        for (int i = 0; i < model.parameters().size(); i++) {
            assertArrayEquals(model.parameters().get(i).value().toFloatArray(),
                    loaded.parameters().get(i).value().toFloatArray());
        }
        assertArrayEquals(model.predict(data.features()).toFloatArray(), loaded.predict(data.features()).toFloatArray());
        assertArrayEquals(model.classify(data.features()), loaded.classify(data.features()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    @DisplayName("training resumed from a file saved after epoch 2 ends bit-identical to an uninterrupted run, "
            + "batch norm's running statistics and dropout included")
    void resumeIsExact() throws IOException {
        Dataset train = blobs(backend, DType.FLOAT32, 250, 4, 3, 6);
        Supplier<Sequential> fresh = () -> Sequential.builder(4).dense(8).batchNorm().relu().dropout(0.2).dense(3)
                .softmax().seed(3).build(backend);
        for (Supplier<Optimizer> opt : List.<Supplier<Optimizer>>of(() -> new Sgd(0.1), () -> new Adam(0.01),
                () -> new Momentum(0.05, 0.9, true, 1e-4), () -> new AdamW(0.01), () -> new Nesterov(0.05),
                () -> new RmsProp(0.002, 0.99, 1e-8, 0.5, 1e-4))) {
            FitOptions two = FitOptions.builder().epochs(2).batchSize(32).build();
            Trainer straight = Trainer.builder(fresh.get()).optimizer(opt.get()).seed(8).build();
            straight.fit(train, FitOptions.builder().epochs(4).batchSize(32).build());

            Trainer first = Trainer.builder(fresh.get()).optimizer(opt.get()).seed(8).build();
            first.fit(train, two);
            Path file = dir.resolve("checkpoint.nnfs");
            ModelFile.save(first.checkpoint(), file);
            Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
            assertEquals(2, resumed.epochsCompleted());
            assertEquals(2, resumed.history().epochs().size());
            resumed.fit(train, two);
            assertEquals(4, resumed.epochsCompleted());
            List<ModelTensor> a = straight.model().tensors();
            List<ModelTensor> b = resumed.model().tensors();
            assertEquals(8, a.size(), "dense (2), batch norm (2 parameters, 2 buffers), dense (2)");
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).value().toFloatArray(), b.get(i).value().toFloatArray(),
                        opt.get() + ": " + a.get(i).name());
            }
        }
    }

    /** A run of the whole training toolkit, as a fresh trainer and its fit options. */
    record Toolkit(String name, DType dtype, Supplier<Trainer> trainer, Supplier<FitOptions.Builder> options) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Adds a little seeded noise to every feature: an augmentation that uses its random stream. */
    private static final BatchTransform NOISE = new BatchTransform() {
        @Override
        public void apply(float[] features, int rows, int cols, SplittableRandom random) {
            for (int i = 0; i < rows * cols; i++) {
                features[i] += (float) (0.05 * random.nextGaussian());
            }
        }

        @Override
        public void apply(double[] features, int rows, int cols, SplittableRandom random) {
            for (int i = 0; i < rows * cols; i++) {
                features[i] += 0.05 * random.nextGaussian();
            }
        }
    };

    Stream<Arguments> toolkits() {
        Dataset validation = blobs(backend, DType.FLOAT64, 60, 4, 3, 6, 61);
        Supplier<Sequential> dropout32 = () -> Sequential.builder(4).dense(8).relu().dropout(0.2).dense(3).softmax()
                .seed(3).build(backend);
        Supplier<Sequential> dropout64 = () -> Sequential.builder(4).dense(8).tanh().dropout(0.3).dense(3).softmax()
                .dtype(DType.FLOAT64).seed(5).build(backend);
        return Stream.of(
                new Toolkit("adamw, cosine with warm-up, norm clipping, dropout, augmentation, validation split, "
                        + "early stopping, scaled partial batch", DType.FLOAT32,
                        () -> Trainer.builder(dropout32.get()).optimizer(new AdamW(0.02)).schedule(new CosineSchedule(5, 1e-4, 1))
                                .clipping(GradientClipping.byNorm(0.5)).seed(8).build(),
                        () -> FitOptions.builder().batchSize(32).validationSplit(0.2).partialBatch(PartialBatch.SCALE)
                                .batchTransform(NOISE).earlyStopping(EarlyStopping.onValidationLoss(10))),
                new Toolkit("nesterov, plateau, value clipping, float64 dropout, dropped partial batch, validation set",
                        DType.FLOAT64, () -> Trainer.builder(dropout64.get()).optimizer(new Nesterov(0.05, 0.9, 1e-3))
                                .schedule(new PlateauSchedule(0.5, 0, 0.25, 0, 0)).clipping(GradientClipping.byValue(0.2))
                                .seed(9).build(),
                        () -> FitOptions.builder().batchSize(48).validation(validation).partialBatch(PartialBatch.DROP)
                                .batchTransform(NOISE)),
                new Toolkit("rmsprop, step decay with warm-up, early stopping on a split, kept partial batch",
                        DType.FLOAT32, () -> Trainer.builder(dropout32.get()).optimizer(new RmsProp(0.003, 0.99, 1e-8, 0.3, 1e-4))
                                .schedule(new StepSchedule(2, 0.5, 1)).seed(10).build(),
                        () -> FitOptions.builder().batchSize(40).validationSplit(0.15).partialBatch(PartialBatch.KEEP)
                                .earlyStopping(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 1, 0.5, true))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolkits")
    @DisplayName("a run killed after epoch 2 and resumed from its checkpoint ends bit-identical to an uninterrupted "
            + "one, with the whole training toolkit")
    void toolkitResumesExactly(Toolkit toolkit) throws IOException {
        Dataset train = blobs(backend, toolkit.dtype(), 250, 4, 3, 6);
        Trainer straight = toolkit.trainer().get();
        straight.fit(train, toolkit.options().get().epochs(5).build());

        Path file = dir.resolve("killed.nnfs");
        Trainer killed = toolkit.trainer().get();
        TrainingListener checkpointThenDie = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                try {
                    ModelFile.save(killed.checkpoint(), file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (summary.epoch() == 2) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> killed.fit(train, toolkit.options().get().epochs(5).listener(checkpointThenDie).build()));
        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
        assertEquals(2, resumed.epochsCompleted());
        resumed.fit(train, toolkit.options().get().epochs(3).build());

        assertEquals(straight.epochsCompleted(), resumed.epochsCompleted(), toolkit.name());
        assertEquals(straight.history().stopReason(), resumed.history().stopReason());
        for (int i = 0; i < straight.model().tensors().size(); i++) {
            assertArrayEquals(straight.model().tensors().get(i).value().toDoubleArray(),
                    resumed.model().tensors().get(i).value().toDoubleArray(), 0, toolkit + ": tensor " + i);
        }
        for (int i = 0; i < straight.optimizerState().tensors().size(); i++) {
            assertArrayEquals(straight.optimizerState().tensors().get(i).toDoubleArray(),
                    resumed.optimizerState().tensors().get(i).toDoubleArray(), 0, toolkit + ": optimizer state " + i);
        }
        assertArrayEquals(straight.scheduleState().values(), resumed.scheduleState().values(), 0);
        for (int i = 0; i < straight.history().epochs().size(); i++) {
            EpochSummary a = straight.history().epochs().get(i);
            EpochSummary b = resumed.history().epochs().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), 0, toolkit + ": train loss of epoch " + (i + 1));
            assertEquals(a.validationLoss(), b.validationLoss(), 0, toolkit + ": validation loss of epoch " + (i + 1));
        }
        straight.earlyStopping().ifPresent(e -> assertEquals(e.bestEpoch(),
                resumed.earlyStopping().orElseThrow().bestEpoch()));
    }

    @Test
    @DisplayName("a model with every new layer saves and loads: settings, tensors (buffers too) and predictions")
    void newLayersRoundTrip() throws IOException {
        Dataset data = blobs(backend, DType.FLOAT64, 64, 4, 3, 15);
        Sequential model = Sequential.builder(4).dense(8).add(new BatchNorm(0.25, 1e-4)).leakyRelu(0.2).dense(6)
                .add(new LayerNorm(1e-3)).gelu().dense(3).softmax().dtype(DType.FLOAT64).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(0.01)).seed(1).build();
        trainer.fit(data, FitOptions.builder().epochs(2).batchSize(16).build());
        Path file = dir.resolve("layers.nnfs");
        ModelFile.save(model, file);
        Sequential loaded = ModelFile.load(file, backend);
        assertEquals("Sequential[4 -> Dense(8) -> BatchNorm(0.25, 1.0E-4) -> LeakyRelu(0.2) -> Dense(6) -> "
                + "LayerNorm(0.001) -> Gelu() -> Dense(3) -> Softmax()]", loaded.toString());
        assertEquals(model.tensors().size(), loaded.tensors().size());
        for (int i = 0; i < model.tensors().size(); i++) {
            assertEquals(model.tensors().get(i).name(), loaded.tensors().get(i).name());
            assertArrayEquals(model.tensors().get(i).value().toDoubleArray(),
                    loaded.tensors().get(i).value().toDoubleArray(), model.tensors().get(i).name());
        }
        assertArrayEquals(model.predict(data.features()).toDoubleArray(), loaded.predict(data.features()).toDoubleArray());
    }

    @Test
    @DisplayName("a model saved without training state loads as a checkpoint without one, and cannot be resumed")
    void modelWithoutStateCannotResume() throws IOException {
        Path file = dir.resolve("m.nnfs");
        ModelFile.save(smallClassifier(DType.FLOAT32, 1), file);
        Checkpoint checkpoint = ModelFile.loadCheckpoint(file, backend);
        assertTrue(checkpoint.training().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(checkpoint));
        assertTrue(e.getMessage().contains("without training state"), e.getMessage());
    }

    @Test
    @DisplayName("a model with a user-registered layer and a buffer saves, loads and resumes exactly")
    void bufferedLayerRoundTripAndResume() throws IOException {
        Dataset train = blobs(backend, DType.FLOAT32, 200, 4, 3, 13);
        Supplier<Sequential> fresh = () -> Sequential.builder(4).add(new Recenter(0.8)).dense(8).relu()
                .add("test_leaky_relu", java.util.Map.of("alpha", "0.05")).dense(3).softmax().seed(6).build(backend);
        Trainer straight = Trainer.builder(fresh.get()).optimizer(new Adam(0.01)).seed(2).build();
        straight.fit(train, FitOptions.builder().epochs(4).batchSize(25).build());

        Trainer first = Trainer.builder(fresh.get()).optimizer(new Adam(0.01)).seed(2).build();
        first.fit(train, FitOptions.builder().epochs(2).batchSize(25).build());
        Path file = dir.resolve("buffered.nnfs");
        ModelFile.save(first.checkpoint(), file);
        Sequential loaded = ModelFile.load(file, backend);
        assertEquals(first.model().toString(), loaded.toString());
        for (int i = 0; i < loaded.tensors().size(); i++) {
            ModelTensor saved = first.model().tensors().get(i);
            assertEquals(saved.spec(), loaded.tensors().get(i).spec());
            assertArrayEquals(saved.value().toFloatArray(), loaded.tensors().get(i).value().toFloatArray(), saved.name());
        }
        ModelTensor buffer = loaded.tensors().get(1);
        assertEquals("test_recenter_0.running_mean", buffer.name());
        assertTrue(Math.abs(buffer.value().toFloatArray()[0]) > 0, "training moved the buffer before saving");
        assertArrayEquals(first.model().predict(train.features()).toFloatArray(),
                loaded.predict(train.features()).toFloatArray(), "inference reads the loaded buffer");

        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
        resumed.fit(train, FitOptions.builder().epochs(2).batchSize(25).build());
        float[][] a = weights(straight.model());
        float[][] b = weights(resumed.model());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "parameter " + i);
        }
        assertArrayEquals(straight.model().tensors().get(1).value().toFloatArray(),
                resumed.model().tensors().get(1).value().toFloatArray(), "the buffer continued exactly");
    }

    @Test
    @DisplayName("continuing a run with another batch size or training set is refused, naming both values")
    void resumeRefusesAnotherRun() throws IOException {
        Dataset train = blobs(backend, DType.FLOAT32, 120, 4, 3, 14);
        Trainer first = Trainer.builder(smallClassifier(DType.FLOAT32, 1)).seed(3).build();
        first.fit(train, FitOptions.builder().epochs(1).batchSize(20).build());
        Path file = dir.resolve("run.nnfs");
        ModelFile.save(first.checkpoint(), file);
        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
        assertEquals(java.util.OptionalInt.of(20), resumed.batchSize());
        assertEquals(java.util.OptionalInt.of(120), resumed.trainingSetSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resumed.fit(train, FitOptions.builder().epochs(1).batchSize(30).build()));
        assertTrue(e.getMessage().contains("batch size 20") && e.getMessage().contains("batch size 30"), e.getMessage());
        Dataset fewer = train.head(100);
        e = assertThrows(IllegalArgumentException.class,
                () -> resumed.fit(fewer, FitOptions.builder().epochs(1).batchSize(20).build()));
        assertTrue(e.getMessage().contains("on 120 training examples") && e.getMessage().contains("on 100"), e.getMessage());
        assertEquals(1, resumed.epochsCompleted(), "nothing was trained");
        resumed.fit(train, FitOptions.builder().epochs(1).batchSize(20).build());
        assertEquals(2, resumed.epochsCompleted());
    }

    @Test
    @DisplayName("float64 models round-trip exactly")
    void float64RoundTrip() throws IOException {
        Sequential model = smallClassifier(DType.FLOAT64, 4);
        Path file = dir.resolve("m64.nnfs");
        ModelFile.save(model, file);
        Sequential loaded = ModelFile.load(file, backend);
        assertEquals(DType.FLOAT64, loaded.dtype());
        assertArrayEquals(model.parameters().get(0).value().toDoubleArray(),
                loaded.parameters().get(0).value().toDoubleArray());
    }

    // ------------------------------------------------------------------ inference

    @Test
    @DisplayName("predict and classify handle any number of rows, in chunks, like one forward pass")
    void predictInChunks() {
        Sequential model = smallClassifier(DType.FLOAT64, 2);
        Dataset data = blobs(backend, DType.FLOAT64, model.inferenceChunkRows() * 2 + 37, 4, 3, 5);
        double[] whole = model.forward(data.features(), Mode.INFERENCE).toDoubleArray();
        // A BLAS may block a GEMM differently for another row count: equal up to float64 rounding.
        assertArrayEquals(whole, model.predict(data.features()).toDoubleArray(), 1e-12);
        int[] classes = model.classify(data.features());
        for (int r = 0; r < classes.length; r++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                if (whole[r * 3 + c] > whole[r * 3 + best]) {
                    best = c;
                }
            }
            assertEquals(best, classes[r], "row " + r);
        }
    }

    @Test
    @DisplayName("dropout is the identity in inference and keeps the expected fraction in training")
    void dropoutModes() {
        Sequential model = Sequential.builder(200).add(new Dropout(0.25)).build(backend);
        float[] ones = new float[200 * 50];
        java.util.Arrays.fill(ones, 1f);
        Tensor x = backend.fromArray(ones, 50, 200, DType.FLOAT32);
        assertArrayEquals(ones, model.forward(x, Mode.INFERENCE).toFloatArray());
        float[] y = model.forward(x, Mode.TRAINING).toFloatArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75f, v, 1e-6);
            }
        }
        assertEquals(0.25, zeros / (double) y.length, 0.02);
    }

    // ------------------------------------------------------------------ normalization and activations by hand

    /** {@code count} values drawn from {@code seed}, as a tensor of {@code dtype} holds them. */
    private static double[] values(int count, long seed, double lo, double hi, DType dtype) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[count];
        for (int i = 0; i < v.length; i++) {
            double d = r.nextDouble(lo, hi);
            v[i] = dtype == DType.FLOAT32 ? (float) d : d;
        }
        return v;
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? 5e-5 : 1e-12;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("batch norm: outputs, and running statistics after three steps by PyTorch's rule (unbiased "
            + "variance), match plain Java; inference normalizes with them and changes nothing")
    void batchNormMatchesReference(DType dtype) {
        int in = 5;
        double momentum = 0.2;
        double epsilon = 1e-3;
        Sequential model = Sequential.builder(in).add(new BatchNorm(momentum, epsilon)).dtype(dtype).build(backend);
        double[] gamma = values(in, 1, 0.5, 2, dtype);
        double[] beta = values(in, 2, -1, 1, dtype);
        backend.copyFrom(gamma, model.tensors().get(0).value());
        backend.copyFrom(beta, model.tensors().get(1).value());
        double[] runningMean = new double[in];
        double[] runningVar = LayerReference.ones(in);
        int step = 0;
        for (int n : new int[] {7, 4, 2}) {
            double[] x = values(n * in, 10 + step++, -3, 5, dtype);
            double[] y = model.forward(backend.fromArray(x, n, in, dtype), Mode.TRAINING).toDoubleArray();
            double[] mean = LayerReference.columnMeans(x, n, in);
            double[] variance = LayerReference.columnVariances(x, n, in, mean); // biased: what normalizes
            assertArrayEquals(LayerReference.normalize(x, n, in, mean, variance, epsilon, gamma, beta), y,
                    tolerance(dtype), "training output, batch of " + n);
            for (int j = 0; j < in; j++) { // torch.nn.BatchNorm1d's update
                runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean[j];
                runningVar[j] = (1 - momentum) * runningVar[j] + momentum * variance[j] * n / (n - 1);
            }
            assertArrayEquals(runningMean, model.tensors().get(2).value().toDoubleArray(), tolerance(dtype),
                    "running mean after a batch of " + n);
            assertArrayEquals(runningVar, model.tensors().get(3).value().toDoubleArray(), tolerance(dtype),
                    "running variance after a batch of " + n);
        }
        double[] x = values(3 * in, 20, -3, 5, dtype);
        double[] before = model.tensors().get(3).value().toDoubleArray();
        double[] y = model.forward(backend.fromArray(x, 3, in, dtype), Mode.INFERENCE).toDoubleArray();
        assertArrayEquals(LayerReference.normalize(x, 3, in, runningMean, runningVar, epsilon, gamma, beta), y,
                tolerance(dtype), "inference output");
        assertArrayEquals(before, model.tensors().get(3).value().toDoubleArray(), "inference changes no buffer");
        assertArrayEquals(y, model.predict(backend.fromArray(x, 3, in, dtype)).toDoubleArray(), tolerance(dtype),
                "an inference pass of its own computes the same");
    }

    @Test
    @DisplayName("batch norm refuses a training batch of one row, naming the layer and changing nothing; "
            + "inference takes one row")
    void batchNormOneRow() {
        Sequential model = Sequential.builder(3).dense(4).batchNorm().relu().dense(2).build(backend);
        Tensor row = backend.fromArray(new float[] {1, -2, 0.5f}, 1, 3, DType.FLOAT32);
        List<float[]> before = model.tensors().stream().map(t -> t.value().toFloatArray()).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(row, Mode.TRAINING));
        assertTrue(e.getMessage().startsWith("batch_norm_1: ") && e.getMessage().contains("at least 2 rows"),
                e.getMessage());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), model.tensors().get(i).value().toFloatArray(), "nothing was written");
        }
        assertEquals(2, model.forward(row, Mode.INFERENCE).cols());
        assertEquals(1, model.classify(row).length);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("layer norm normalizes each row by its own statistics, the same in both modes, one row included")
    void layerNormMatchesReference(DType dtype) {
        int in = 6;
        Sequential model = Sequential.builder(in).add(new LayerNorm(1e-3)).dtype(dtype).build(backend);
        double[] gamma = values(in, 3, 0.5, 2, dtype);
        double[] beta = values(in, 4, -1, 1, dtype);
        backend.copyFrom(gamma, model.tensors().get(0).value());
        backend.copyFrom(beta, model.tensors().get(1).value());
        for (int n : new int[] {5, 1}) {
            double[] x = values(n * in, 30 + n, -3, 5, dtype);
            // Row statistics are column statistics of the transpose.
            double[] xt = Reference.transpose(x, n, in);
            double[] mean = LayerReference.columnMeans(xt, in, n);
            double[] variance = LayerReference.columnVariances(xt, in, n, mean);
            double[] normalizedT = LayerReference.normalize(xt, in, n, mean, variance, 1e-3, LayerReference.ones(n), new double[n]);
            double[] expected = Reference.transpose(normalizedT, in, n);
            for (int i = 0; i < expected.length; i++) {
                expected[i] = expected[i] * gamma[i % in] + beta[i % in];
            }
            for (Mode mode : Mode.values()) {
                assertArrayEquals(expected, model.forward(backend.fromArray(x, n, in, dtype), mode).toDoubleArray(),
                        tolerance(dtype), mode + ", " + n + " rows");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("leaky relu is x above 0 and slope·x below, for slopes under and over 1")
    void leakyReluMatchesReference(DType dtype) {
        double[] x = values(4 * 7, 5, -3, 3, dtype);
        x[0] = 0;
        for (double slope : new double[] {0.01, 0.3, 1.5}) {
            Sequential model = Sequential.builder(7).leakyRelu(slope).dtype(dtype).build(backend);
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = x[i] > 0 ? x[i] : slope * x[i];
            }
            Tensor y = model.forward(backend.fromArray(x, 4, 7, dtype), Mode.TRAINING);
            assertArrayEquals(expected, y.toDoubleArray(), tolerance(dtype), "slope " + slope);
        }
    }

    @Test
    @DisplayName("the summary lists layers, output widths and parameter counts")
    void summary() {
        Sequential model = Sequential.builder(784).dense(100).relu().dense(200).relu().dense(10).softmax()
                .init(Initializer.normal(0.1)).build(backend);
        assertEquals(784 * 100 + 100 + 100 * 200 + 200 + 200 * 10 + 10, model.parameterCount());
        String s = model.summary();
        assertTrue(s.contains("Dense(100)") && s.contains("78,500") && s.contains("Softmax()") && s.contains("[10]"), s);
        assertTrue(s.contains("total parameters: 100,710"), s);
    }

    @Test
    @DisplayName("a dataset that does not fit the model is refused with both widths named")
    void mismatchedData() {
        Dataset data = blobs(backend, DType.FLOAT32, 10, 5, 3, 1);
        Trainer t = Trainer.builder(smallClassifier(DType.FLOAT32, 1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(data, FitOptions.builder().build()));
        assertTrue(e.getMessage().contains("5 inputs") && e.getMessage().contains("takes 4"), e.getMessage());
    }
}
