package org.nnfs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.io.ModelFile;
import org.nnfs.loss.BinaryCrossEntropy;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.loss.SigmoidBinaryCrossEntropy;
import org.nnfs.loss.SoftmaxCrossEntropy;
import org.nnfs.optim.Adam;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.train.BatchProgress;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/**
 * The library as its users meet it, on one backend: binary classification and regression on data made
 * in code, the loss checked against the model when the trainer is built, datasets from Java arrays and
 * predictions back into them, inference that allocates nothing, and one model shared by threads that
 * predict while another trains. Every backend module subclasses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndToEndConformanceTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Backend backend;

    @TempDir
    Path dir;

    /** The backend under test; called once per concrete test class. */
    protected abstract Backend createBackend();

    @BeforeAll
    final void createBackendOnce() {
        backend = Objects.requireNonNull(createBackend(), "createBackend() returned null");
    }

    // ------------------------------------------------------------------ data made in code

    /** scikit-learn's two moons: two interleaving half circles with Gaussian noise, labels 0 and 1. */
    static double[][] moons(int n, double noise, long seed, int[] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * random.nextDouble();
            labels[i] = i % 2;
            x[i] = labels[i] == 0
                    ? new double[] {Math.cos(t), Math.sin(t)}
                    : new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            x[i][0] += noise * random.nextGaussian();
            x[i][1] += noise * random.nextGaussian();
        }
        return x;
    }

    private Dataset moons(int n, long seed, DType dtype) {
        int[] labels = new int[n];
        double[][] x = moons(n, 0.1, seed, labels);
        return Dataset.builder(backend).dtype(dtype).features(x).labels(labels, 1).build();
    }

    private Sequential.Builder moonModel() {
        return Sequential.builder(2).dense(16).tanh().dense(16).tanh().dense(1);
    }

    // ------------------------------------------------------------------ binary classification

    @Test
    @DisplayName("two moons: a one-unit sigmoid head with binary cross-entropy learns, and evaluation reports binary metrics")
    void binaryClassification() throws IOException {
        Dataset.Split data = moons(600, 3, DType.FLOAT32).split(0.25, 1);
        Sequential model = moonModel().sigmoid().seed(2).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(0.02)).loss(new BinaryCrossEntropy()).seed(3).build();
        trainer.fit(data.train(), FitOptions.builder().epochs(60).batchSize(32).validation(data.test()).build());

        Evaluation e = trainer.evaluate(data.test());
        assertTrue(e.isBinary(), e.report());
        assertTrue(e.accuracy() > 0.95, e.report());
        assertTrue(e.rocAuc() > 0.98, e.report());
        assertTrue(e.precision() > 0.9 && e.recall() > 0.9 && e.f1() > 0.9, e.report());
        assertTrue(trainer.history().last().trainAccuracy() > 0.9, "training accuracy thresholds too: "
                + trainer.history().last());
        assertEquals(e.accuracy(), trainer.history().last().validationAccuracy(), 1e-12);

        // classify is "probability above 0.5", on every input form
        float[] x = data.test().features().toFloatArray();
        int rows = data.test().size();
        float[] p = model.predict(x, rows);
        int[] classes = model.classify(x, rows);
        for (int r = 0; r < rows; r++) {
            assertTrue(p[r] > 0 && p[r] < 1, "a probability: " + p[r]);
            assertEquals(p[r] > 0.5 ? 1 : 0, classes[r], "row " + r + ", p = " + p[r]);
        }
        assertArrayEquals(classes, model.classify(data.test().features()));
        int right = 0;
        for (int r = 0; r < rows; r++) {
            right += classes[r] == data.test().label(r) ? 1 : 0;
        }
        assertEquals(e.accuracy(), right / (double) rows, 1e-12);

        // A checkpoint names the binary loss, and resumes with it.
        Path file = dir.resolve("moons.nnfs");
        ModelFile.save(trainer.checkpoint(), file);
        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(file, backend));
        assertTrue(resumed.loss() instanceof BinaryCrossEntropy, resumed.loss().toString());
        assertEquals(e.loss(), resumed.evaluate(data.test()).loss(), 1e-12);
    }

    @Test
    @DisplayName("two moons on logits: sigmoid binary cross-entropy learns; classify thresholds the logit at 0")
    void binaryOnLogits() {
        Dataset.Split data = moons(600, 4, DType.FLOAT32).split(0.25, 2);
        Sequential model = moonModel().seed(2).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(0.02)).loss(new SigmoidBinaryCrossEntropy()).seed(3)
                .build();
        trainer.fit(data.train(), FitOptions.builder().epochs(60).batchSize(32).build());
        Evaluation e = trainer.evaluate(data.test());
        assertTrue(e.accuracy() > 0.95 && e.rocAuc() > 0.98, e.report());
        float[] x = data.test().features().toFloatArray();
        float[] logits = model.predict(x, data.test().size());
        int[] classes = model.classify(x, data.test().size());
        for (int r = 0; r < classes.length; r++) {
            assertEquals(logits[r] > 0 ? 1 : 0, classes[r], "row " + r + ", logit " + logits[r]);
        }
    }

    // ------------------------------------------------------------------ regression

    @Test
    @DisplayName("a noisy sine: regression reports MAE, RMSE and R² beside the loss")
    void regression() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 500;
        double[][] x = new double[n][1];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble(-Math.PI, Math.PI);
            y[i][0] = Math.sin(x[i][0]) + 0.1 * random.nextGaussian();
        }
        Dataset.Split data = Dataset.builder(backend).features(x).targets(y).build().split(0.2, 6);
        Sequential model = Sequential.builder(1).dense(32).tanh().dense(32).tanh().dense(1).seed(7).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(0.01)).loss(new MeanSquaredError()).seed(8).build();
        trainer.fit(data.train(), FitOptions.builder().epochs(80).batchSize(32).build());
        Evaluation e = trainer.evaluate(data.test());
        assertTrue(e.isRegression(), e.report());
        assertTrue(e.r2() > 0.9, e.report());
        assertTrue(e.rmse() < 0.2 && e.rmse() >= 0.05, "about the noise's 0.1: " + e.report());
        assertTrue(e.mae() <= e.rmse(), e.report());
        assertEquals(e.rmse() * e.rmse(), e.loss(), 1e-5, "MSE is RMSE squared");
        assertTrue(Double.isNaN(e.accuracy()) && Double.isNaN(trainer.history().last().trainAccuracy()));
    }

    // ------------------------------------------------------------------ validation when the trainer is built

    @Test
    @DisplayName("a loss that does not fit the model's head is refused when the trainer is built")
    void misfitLossRefused() {
        Sequential logits = Sequential.builder(4).dense(8).relu().dense(3).build(backend);
        Sequential softmax = Sequential.builder(4).dense(8).relu().dense(3).softmax().build(backend);
        Sequential oneSigmoid = Sequential.builder(4).dense(8).relu().dense(1).sigmoid().build(backend);
        String e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(logits).loss(new CrossEntropy()).build()).getMessage();
        assertTrue(e.contains("ends in Dense(3)") && e.contains("SoftmaxCrossEntropy"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(logits).build()).getMessage();
        assertTrue(e.contains("cross_entropy is the default loss"), e);
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(softmax).loss(new SoftmaxCrossEntropy()).build()).getMessage();
        assertTrue(e.contains("applied twice"), e);
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(softmax).loss(new BinaryCrossEntropy()).build()).getMessage();
        assertTrue(e.contains("ends in Softmax() with 3 outputs") && e.contains("CrossEntropy after softmax()"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(oneSigmoid).build()).getMessage();
        assertTrue(e.contains("BinaryCrossEntropy"), e);
        Trainer.builder(oneSigmoid).loss(new BinaryCrossEntropy()).build();
        Trainer.builder(logits).loss(new SoftmaxCrossEntropy()).build();
        Trainer.builder(softmax).build();
    }

    @Test
    @DisplayName("a NaN feature is refused with its row and column instead of poisoning the weights")
    void nanFeatureRefused() {
        int[] labels = new int[50];
        double[][] x = moons(50, 0.1, 1, labels);
        x[17][1] = Double.NaN;
        String e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder(backend).features(x).labels(labels, 1)).getMessage();
        assertTrue(e.startsWith("features row 17, column 1 is NaN"), e);
    }

    // ------------------------------------------------------------------ data in, data out

    @Test
    @DisplayName("Gaussian blobs from double[][] with one-hot labels: every input form predicts the same")
    void dataInDataOut() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 250;
        int k = 5;
        double[][] x = new double[n][];
        double[][] oneHot = new double[n][k];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            x[i] = new double[] {3 * Math.cos(2 * Math.PI * c / k) + 0.4 * random.nextGaussian(),
                3 * Math.sin(2 * Math.PI * c / k) + 0.4 * random.nextGaussian(), random.nextGaussian()};
            oneHot[i][c] = 1;
        }
        Dataset data = Dataset.builder(backend).features(x).oneHot(oneHot).build();
        Sequential model = Sequential.builder(3).dense(16).relu().dense(k).softmax().seed(10).build(backend);
        Trainer.builder(model).optimizer(new Adam(0.02)).seed(11).build()
                .fit(data, FitOptions.builder().epochs(30).batchSize(25).build());

        float[][] rows = new float[n][3];
        float[] flat = new float[n * 3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = (float) x[i][j];
                flat[i * 3 + j] = (float) x[i][j];
            }
        }
        float[][] p = model.predict(rows);
        double[][] p64 = model.predict(x);
        float[] pFlat = model.predict(flat, n);
        float[] pTensor = model.predict(data.features()).toFloatArray();
        int[] classes = model.classify(x);
        int right = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(k, p[i].length);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                assertEquals(pFlat[i * k + c], p[i][c], 0, "float[][] and row-major float[] agree");
                assertEquals(pTensor[i * k + c], p[i][c], 0, "and the tensor form");
                assertEquals(p[i][c], p64[i][c], 1e-6, "double[][] in, double[][] out");
                sum += p[i][c];
            }
            assertEquals(1, sum, 1e-5);
            right += classes[i] == i % k ? 1 : 0;
        }
        assertTrue(right > 0.95 * n, right + " of " + n);
        assertArrayEquals(classes, model.classify(rows));
        assertArrayEquals(classes, model.classify(flat, n));
        String bad = assertThrows(RuntimeException.class, () -> model.predict(new double[][] {{1, 2, 3}, {1, 2}}))
                .getMessage();
        assertEquals("model input row 1 has 2 features, but the model takes 3", bad);
    }

    /**
     * Bytes the calling thread allocated over {@code calls} runs of {@code work}, after a warm-up of rounds of
     * as many runs: until a round allocates less than a byte per call, at most 20 rounds. First-use buffers and
     * the JIT's warm-up are not per-call costs, and how soon the JIT compiles a kernel depends on its queue
     * (what the suite ran before). A cost paid on every call still shows in the round measured.
     */
    private static long allocated(Runnable work, int calls) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        for (int round = 0; round < 20; round++) {
            if (allocatedOnce(work, calls) < calls) {
                break;
            }
        }
        return allocatedOnce(work, calls);
    }

    /** Bytes the calling thread allocated over {@code calls} runs of {@code work}. */
    private static long allocatedOnce(Runnable work, int calls) {
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) {
            work.run();
        }
        return THREADS.getThreadAllocatedBytes(tid) - before;
    }

    @Test
    @DisplayName("predict and classify into the caller's arrays allocate nothing per call, one row or many")
    void inferenceAllocatesNothing() {
        Sequential model = moonModel().sigmoid().seed(2).build(backend);
        Sequential softmax = Sequential.builder(2).dense(16).relu().dense(3).softmax().seed(2).build(backend);
        float[] one = {0.5f, -0.25f};
        float[] many = new float[64 * 2];
        Arrays.fill(many, 0.3f);
        float[] out = new float[64 * 3];
        int[] classes = new int[64];
        int calls = 10_000;
        long[] bytes = {
            allocated(() -> model.predict(one, 1, out), calls),
            allocated(() -> model.classify(one, 1, classes), calls),
            allocated(() -> softmax.predict(many, 64, out), calls / 10),
            allocated(() -> softmax.classify(many, 64, classes), calls / 10),
        };
        // A single object per call would be at least 16 bytes x calls.
        String numbers = "bytes allocated: predict(1 row) " + bytes[0] + ", classify(1 row) " + bytes[1]
                + ", predict(64 rows) " + bytes[2] + ", classify(64 rows) " + bytes[3] + " over " + calls + " / "
                + calls / 10 + " calls";
        System.out.println("[" + backend.name() + "] " + numbers);
        assertTrue(bytes[0] < calls && bytes[1] < calls && bytes[2] < calls / 10 && bytes[3] < calls / 10, numbers);
    }

    // ------------------------------------------------------------------ sharing a model

    @Test
    @DisplayName("predict and classify on one model run concurrently: no lock makes the threads take turns")
    void inferenceRunsConcurrently() throws Exception {
        int threads = 3;
        Sequential model = Sequential.builder(2).dense(4).add(new Rendezvous(threads)).dense(1).sigmoid().build(backend);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answers.add(pool.submit(() -> model.classify(new float[] {1, 2}, 1)));
            }
            for (Future<int[]> a : answers) {
                assertEquals(1, a.get(30, TimeUnit.SECONDS).length); // a barrier timeout would fail here
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("predicting on other threads while fit trains: training is untouched and each prediction sees whole steps")
    void predictWhileTraining() throws Exception {
        Dataset train = moons(200, 12, DType.FLOAT64);
        double[][] probe = {{0, 0}, {1, 0.5}, {-1, 0.3}, {2, -0.4}};
        FitOptions.Builder options = FitOptions.builder().epochs(4).batchSize(10);

        // Alone: the model's answer on the probe before training and after every step.
        Sequential alone = moonModel().sigmoid().dtype(DType.FLOAT64).seed(13).build(backend);
        Set<String> stepAnswers = new HashSet<>();
        stepAnswers.add(Arrays.deepToString(alone.predict(probe)));
        TrainingListener record = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                stepAnswers.add(Arrays.deepToString(alone.predict(probe)));
            }
        };
        Trainer.builder(alone).optimizer(new Adam(0.05)).loss(new BinaryCrossEntropy()).seed(14).build()
                .fit(train, options.listener(record).build());

        // Shared: the same training while two threads predict on the probe all along.
        Sequential shared = moonModel().sigmoid().dtype(DType.FLOAT64).seed(13).build(backend);
        AtomicBoolean training = new AtomicBoolean(true);
        // Training waits after its first step until both threads have predicted, so that on a busy machine
        // the predictions still overlap the training instead of starting after it ended.
        CountDownLatch predicting = new CountDownLatch(2);
        TrainingListener overlap = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                try {
                    assertTrue(predicting.await(60, TimeUnit.SECONDS), "the predicting threads never ran");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> seen = new ArrayList<>();
        try {
            for (int t = 0; t < 2; t++) {
                seen.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    while (training.get()) {
                        answers.add(Arrays.deepToString(shared.predict(probe)));
                        predicting.countDown();
                    }
                    return answers;
                }));
            }
            Trainer.builder(shared).optimizer(new Adam(0.05)).loss(new BinaryCrossEntropy()).seed(14).build()
                    .fit(train, FitOptions.builder().epochs(4).batchSize(10).listener(overlap).build());
        } finally {
            training.set(false);
            pool.shutdown();
        }
        int answers = 0;
        for (Future<List<String>> f : seen) {
            for (String answer : f.get(60, TimeUnit.SECONDS)) {
                assertTrue(stepAnswers.contains(answer), "a prediction saw the model halfway through a step: " + answer);
                answers++;
            }
        }
        assertTrue(answers > 0);
        List<Parameter> a = alone.parameters();
        List<Parameter> b = shared.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().toDoubleArray(), b.get(i).value().toDoubleArray(),
                    "training with predictions alongside ends bit-identical: " + a.get(i).name());
        }
        System.out.println("[" + backend.name() + "] " + answers + " predictions during " + stepAnswers.size()
                + " model states, all of them whole steps");
    }
}
