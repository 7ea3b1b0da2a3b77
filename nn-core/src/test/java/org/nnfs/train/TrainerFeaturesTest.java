package org.nnfs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluator;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Mode;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.CosineSchedule;
import org.nnfs.optim.ExponentialSchedule;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.PlateauSchedule;
import org.nnfs.optim.ScheduleState;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

/**
 * What the trainer adds around the optimizer: schedules, partial batches, validation splits, gradient
 * clipping, batch transforms, early stopping with restored weights, stop requests and divergence checks.
 * Backend-independent logic, on the reference backend; exact resume with all of it runs on every
 * backend in {@code NetworkConformanceTest}.
 */
class TrainerFeaturesTest {
    private final Backend backend = new ReferenceBackend();

    /** Three noisy blobs in 4 dimensions. */
    private Dataset blobs(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = {{1, 0, -1, 0}, {-1, 1, 0, 0}, {0, -1, 1, 1}};
        float[] x = new float[rows * 4];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(3);
            for (int j = 0; j < 4; j++) {
                x[r * 4 + j] = (float) (centres[labels[r]][j] + 0.4 * random.nextGaussian());
            }
        }
        return Dataset.classification(backend, DType.FLOAT32, x, rows, 4, labels, 3);
    }

    private Sequential model(long seed) {
        return Sequential.builder(4).dense(8).relu().dense(3).softmax().init(Initializer.he()).seed(seed).build(backend);
    }

    /** Records every batch's size and learning rate. */
    private static final class Recorder implements TrainingListener {
        final List<Integer> sizes = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        private int previous;

        @Override
        public void onBatch(BatchProgress p) {
            sizes.add(p.samples() - (p.batch() == 1 ? 0 : previous));
            previous = p.samples();
            rates.add(p.learningRate());
        }
    }

    private static float[][] weights(Sequential model) {
        List<float[]> out = new ArrayList<>();
        for (ModelTensor t : model.tensors()) {
            out.add(t.value().toFloatArray());
        }
        return out.toArray(new float[0][]);
    }

    // ------------------------------------------------------------------ schedules

    @Test
    @DisplayName("every step runs at the schedule's rate for its position, warm-up included")
    void scheduleSetsEveryStepsRate() {
        Dataset train = blobs(50, 1);
        LearningRateSchedule schedule = new CosineSchedule(3, 0.001, 1);
        Trainer t = Trainer.builder(model(1)).optimizer(new Sgd(0.2)).schedule(schedule).build();
        Recorder r = new Recorder();
        t.fit(train, FitOptions.builder().epochs(3).batchSize(16).listener(r).build());
        assertEquals(12, r.rates.size(), "4 batches a run of 3 epochs");
        ScheduleState none = schedule.newState(0.2);
        for (int s = 1; s <= 12; s++) {
            assertEquals(schedule.learningRate(0.2, s, 4, none), r.rates.get(s - 1), "step " + s);
        }
        assertEquals(0.2 / 4, r.rates.get(0), 1e-17, "warm-up starts at a quarter");
    }

    @Test
    @DisplayName("a plateau schedule lowers the rate after validation stalls, and needs a validation set")
    void plateauUsesValidation() {
        Dataset train = blobs(60, 2);
        Trainer t = Trainer.builder(model(2)).optimizer(new Sgd(1e-3)).schedule(new PlateauSchedule(0.5, 0, 0.5, 0, 0))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(train, FitOptions.builder().epochs(1).build()));
        assertEquals("the plateau schedule needs a validation set or split (FitOptions.Builder.validation or "
                + "validationSplit)", e.getMessage());
        Recorder r = new Recorder();
        t.fit(train, FitOptions.builder().epochs(3).batchSize(60).validation(train).listener(r).build());
        assertEquals(List.of(1e-3, 1e-3, 5e-4), r.rates,
                "no epoch halves the loss: the first sets the best, every later one is bad");
        assertEquals(2.5e-4, t.scheduleState().get(0));
    }

    // ------------------------------------------------------------------ partial batches

    @Test
    @DisplayName("a partial last batch is dropped, kept, or kept with its gradient scaled by its share")
    void partialBatches() {
        Dataset train = blobs(103, 3);
        for (PartialBatch mode : PartialBatch.values()) {
            Recorder r = new Recorder();
            History h = Trainer.builder(model(1)).build().fit(train, FitOptions.builder().epochs(1).batchSize(50)
                    .partialBatch(mode).listener(r).build());
            assertEquals(mode == PartialBatch.DROP ? List.of(50, 50) : List.of(50, 50, 3), r.sizes, mode.toString());
            assertTrue(h.last().samplesPerSecond() > 0);
        }
        assertEquals(117, EpochLoop.batchCount(60_000, 512, PartialBatch.DROP), "the original's 117 steps");
        assertEquals(118, EpochLoop.batchCount(60_000, 512, PartialBatch.KEEP));
        assertEquals(1, EpochLoop.batchCount(40, 512, PartialBatch.DROP), "a batch larger than the data takes it all");
    }

    @Test
    @DisplayName("scaling moves the weights by the partial batch's share of a full step")
    void scaledPartialBatch() {
        Dataset train = blobs(5, 4);
        float[][] keep = stepDeltas(train, PartialBatch.KEEP);
        float[][] scale = stepDeltas(train, PartialBatch.SCALE);
        for (int p = 0; p < keep.length; p++) {
            for (int i = 0; i < keep[p].length; i++) {
                assertEquals(keep[p][i] / 4, scale[p][i], 1e-7, "parameter " + p + "[" + i + "]");
            }
        }
    }

    /** The change of every parameter by the second step (the partial batch of 1 after a batch of 4). */
    private float[][] stepDeltas(Dataset train, PartialBatch mode) {
        Sequential m = model(5);
        List<float[][]> after = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                after.add(weights(m));
            }
        };
        Trainer.builder(m).optimizer(new Sgd(0.5)).build()
                .fit(train, FitOptions.builder().epochs(1).batchSize(4).shuffle(false).partialBatch(mode).listener(l).build());
        float[][] d = new float[after.get(0).length][];
        for (int p = 0; p < d.length; p++) {
            d[p] = new float[after.get(0)[p].length];
            for (int i = 0; i < d[p].length; i++) {
                d[p][i] = after.get(1)[p][i] - after.get(0)[p][i];
            }
        }
        return d;
    }

    // ------------------------------------------------------------------ validation split

    @Test
    @DisplayName("a validation split holds out the same seeded examples every epoch and validates on them")
    void validationSplit() {
        HoldoutSplit a = HoldoutSplit.of(100, 0.2, 7);
        HoldoutSplit b = HoldoutSplit.of(100, 0.2, 7);
        assertArrayEquals(a.holdout(), b.holdout());
        assertEquals(20, a.holdout().length);
        assertEquals(80, a.training().length);
        int[] all = new int[100];
        for (int i : a.holdout()) {
            all[i]++;
        }
        for (int i : a.training()) {
            all[i]++;
        }
        assertTrue(Arrays.stream(all).allMatch(c -> c == 1), "the two sides split the rows");
        assertFalse(Arrays.equals(a.holdout(), HoldoutSplit.of(100, 0.2, 8).holdout()), "another seed, other rows");
        assertThrows(IllegalArgumentException.class, () -> HoldoutSplit.of(10, 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> HoldoutSplit.of(10, 0.99, 1));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().validationSplit(1));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().validationSplit(0));
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.builder().validationSplit(0.1).validation(blobs(5, 1)).build());

        Dataset train = blobs(120, 5);
        Trainer t = Trainer.builder(model(3)).optimizer(new Sgd(0.1)).seed(9).build();
        Recorder r = new Recorder();
        History h = t.fit(train, FitOptions.builder().epochs(2).batchSize(25).validationSplit(0.25).listener(r).build());
        assertEquals(List.of(25, 25, 25, 15, 25, 25, 25, 15), r.sizes, "90 training examples an epoch");
        HoldoutSplit split = HoldoutSplit.of(120, 0.25, EpochOrder.mix(9, -1));
        double expected = Evaluator.evaluate(t.model(), train.subset(split.holdout()), new CrossEntropy()).loss();
        assertEquals(expected, h.last().validationLoss(), "validation is on the held-out rows");
        assertEquals(new Batching(25, 120, 0.25, PartialBatch.SCALE), t.batching().orElseThrow(), "SCALE by default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(train, FitOptions.builder().epochs(1).batchSize(25).validationSplit(0.2).build()));
        assertTrue(e.getMessage().contains("validation split of 0.25") && e.getMessage().contains("with 0.2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(train, FitOptions.builder().epochs(1).batchSize(25)
                .validationSplit(0.25).partialBatch(PartialBatch.DROP).build()));
        assertTrue(e.getMessage().contains("partial batches scale") && e.getMessage().contains("with drop"),
                e.getMessage());
    }

    // ------------------------------------------------------------------ clipping

    @Test
    @DisplayName("clipping by norm scales every gradient by max/(norm + 1e-6) when the global norm exceeds max")
    void clipByNorm() {
        Sequential m = model(6);
        List<Parameter> params = forwardBackward(m);
        double norm = 0;
        List<double[]> before = new ArrayList<>();
        for (Parameter p : params) {
            double[] g = p.grad().toDoubleArray();
            before.add(g);
            for (double v : g) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm);
        double max = norm / 3;
        GradientClipper clipper = new GradientClipper(GradientClipping.byNorm(max), params);
        assertEquals(norm, clipper.globalNorm(), 1e-6 * norm);
        clipper.clip();
        double coefficient = max / (norm + 1e-6);
        for (int i = 0; i < params.size(); i++) {
            double[] g = params.get(i).grad().toDoubleArray();
            for (int j = 0; j < g.length; j++) {
                assertEquals(before.get(i)[j] * coefficient, g[j], 1e-6 * Math.abs(before.get(i)[j]) + 1e-9);
            }
        }
        assertEquals(max, clipper.globalNorm(), 1e-5 * max);
        new GradientClipper(GradientClipping.byNorm(norm * 10), params).clip();
        assertEquals(max, clipper.globalNorm(), 1e-5 * max, "a norm below the bound is left alone");
    }

    @Test
    @DisplayName("clipping by value clamps every element, and the two kinds exclude each other")
    void clipByValue() {
        Sequential m = model(7);
        List<Parameter> params = forwardBackward(m);
        List<double[]> before = new ArrayList<>();
        for (Parameter p : params) {
            before.add(p.grad().toDoubleArray());
        }
        new GradientClipper(GradientClipping.byValue(0.05), params).clip();
        boolean clamped = false;
        for (int i = 0; i < params.size(); i++) {
            double[] g = params.get(i).grad().toDoubleArray();
            for (int j = 0; j < g.length; j++) {
                double expected = Math.max(-0.05, Math.min(0.05, before.get(i)[j]));
                assertEquals(expected, g[j], 1e-9);
                clamped |= expected != before.get(i)[j];
            }
        }
        assertTrue(clamped, "the test clamps something");
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.POSITIVE_INFINITY));
        assertEquals("clip norm 1.0", GradientClipping.byNorm(1).toString());
    }

    private List<Parameter> forwardBackward(Sequential m) {
        Dataset data = blobs(30, 8);
        m.forward(data.features(), Mode.TRAINING);
        m.backward(new CrossEntropy(), data.targets());
        return m.parameters();
    }

    // ------------------------------------------------------------------ batch transforms

    @Test
    @DisplayName("a batch transform sees every training batch, with a random stream fixed by seed and epoch")
    void batchTransform() {
        Dataset train = blobs(40, 9);
        List<String> calls = new ArrayList<>();
        BatchTransform record = (features, rows, cols, random) -> calls.add(rows + "x" + cols + ":" + random.nextInt(1000));
        Trainer t = Trainer.builder(model(1)).seed(3).build();
        t.fit(train, FitOptions.builder().epochs(2).batchSize(16).validation(train).batchTransform(record).build());
        assertEquals(6, calls.size(), "3 training batches an epoch, none for validation: " + calls);
        assertTrue(calls.get(0).startsWith("16x4:") && calls.get(2).startsWith("8x4:"), calls.toString());
        List<String> again = new ArrayList<>();
        BatchTransform replay = (features, rows, cols, random) -> again.add(rows + "x" + cols + ":" + random.nextInt(1000));
        Trainer.builder(model(1)).seed(3).build()
                .fit(train, FitOptions.builder().epochs(2).batchSize(16).batchTransform(replay).build());
        assertEquals(calls, again, "the same seed draws the same");
        assertNotEquals(calls.subList(0, 3), calls.subList(3, 6), "each epoch draws anew");

        BatchTransform zero = (features, rows, cols, random) -> Arrays.fill(features, 0, rows * cols, 0f);
        Sequential m = model(2);
        Trainer.builder(m).optimizer(new Sgd(0.5)).loss(new MeanSquaredError()).build()
                .fit(train, FitOptions.builder().epochs(1).batchSize(40).batchTransform(zero).build());
        float[] firstWeights = m.tensors().get(0).value().toFloatArray();
        assertArrayEquals(model(2).tensors().get(0).value().toFloatArray(), firstWeights,
                "with every input zeroed the first layer's weights get no gradient");
    }

    // ------------------------------------------------------------------ early stopping and stop requests

    @Test
    @DisplayName("early stopping ends the fit with the best epoch's weights, and a stopped run trains no more")
    void earlyStoppingRestoresBest() {
        Dataset train = blobs(90, 10);
        Dataset validation = shuffledLabels(blobs(60, 11));
        Sequential m = model(4);
        List<float[][]> perEpoch = new ArrayList<>();
        TrainingListener snapshots = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                perEpoch.add(weights(m));
            }
        };
        // Validation labels that the features do not predict: the more confident the model, the worse.
        Trainer t = Trainer.builder(m).optimizer(new Sgd(0.5)).seed(2).build();
        History h = t.fit(train, FitOptions.builder().epochs(30).batchSize(30).validation(validation)
                .earlyStopping(EarlyStopping.onValidationLoss(2)).listener(snapshots).build());
        int bestEpoch = t.earlyStopping().orElseThrow().bestEpoch();
        double bestLoss = h.epochs().stream().mapToDouble(EpochSummary::validationLoss).min().orElseThrow();
        assertEquals(bestLoss, h.epochs().get(bestEpoch - 1).validationLoss());
        assertTrue(h.stopReason().startsWith("early stopping: validation loss did not improve for 2 epochs"),
                h.stopReason() + " " + h.epochs());
        assertEquals(bestEpoch + 2, h.epochs().size(), "stops two stale epochs after the best");
        float[][] now = weights(m);
        float[][] best = perEpoch.get(bestEpoch - 1);
        for (int i = 0; i < now.length; i++) {
            assertArrayEquals(best[i], now[i], "tensor " + i + " holds the best epoch's values");
        }
        assertEquals(bestLoss, t.evaluate(validation).loss(), "the model evaluates as the best epoch did");
        History again = t.fit(train, FitOptions.builder().epochs(5).batchSize(30).validation(validation)
                .earlyStopping(EarlyStopping.onValidationLoss(2)).build());
        assertEquals(h.epochs().size(), again.epochs().size(), "a stopped run trains no more");
        assertEquals(h.stopReason(), again.stopReason());
    }

    /** The same features with labels drawn at random. */
    private Dataset shuffledLabels(Dataset d) {
        SplittableRandom random = new SplittableRandom(99);
        int[] labels = new int[d.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3);
        }
        return Dataset.classification(backend, DType.FLOAT32, d.features().toFloatArray(), d.size(), 4, labels, 3);
    }

    @Test
    @DisplayName("a listener can ask the trainer to stop after the current epoch")
    void listenerStops() {
        Dataset train = blobs(40, 12);
        Trainer t = Trainer.builder(model(1)).build();
        TrainingListener stopAtTwo = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 2) {
                    t.requestStop("enough");
                }
            }
        };
        History h = t.fit(train, FitOptions.builder().epochs(10).batchSize(10).listener(stopAtTwo).build());
        assertEquals(2, h.epochs().size(), "the epoch the request came in completes");
        assertEquals("enough", h.stopReason());
        assertEquals(3, t.fit(train, FitOptions.builder().epochs(1).batchSize(10).build()).epochs().size(),
                "the request is not kept");
    }

    // ------------------------------------------------------------------ divergence

    @Test
    @DisplayName("weights made non-finite by an epoch's last update stop training before the epoch counts")
    void nonFiniteWeightsAfterTheLastBatch() {
        Dataset train = blobs(40, 13);
        Trainer t = Trainer.builder(model(1)).build();
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() == 2 && p.batch() == p.batches()) {
                    Tensor w = t.model().tensors().get(2).value();
                    float[] v = w.toFloatArray();
                    v[3] = Float.POSITIVE_INFINITY;
                    backend.copyFrom(v, w);
                }
            }
        };
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(train, FitOptions.builder().epochs(3).batchSize(20).listener(poison).build()));
        assertEquals(TrainingDivergedException.Cause.WEIGHTS, e.reason());
        assertEquals(2, e.epoch());
        assertEquals("Training diverged: the weights dense_2.weight hold Infinity after the last update of epoch 2 "
                + "(batch 2 of 2). Lower the learning rate (or check the data for NaN/infinite values).", e.getMessage());
        assertEquals(1, t.epochsCompleted(), "the diverged epoch does not count");
    }

    @Test
    @DisplayName("a loss that stays far above a uniform guess's with finite weights is divergence")
    void lossStuckAboveGuess() {
        Dataset train = blobs(400, 14);
        // Far too high, and not high enough to overflow: the loss saturates at the clipped cross-entropy.
        Trainer t = Trainer.builder(model(1)).optimizer(new Sgd(30)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(train, FitOptions.builder().epochs(5).batchSize(20).build()));
        assertEquals(TrainingDivergedException.Cause.LOSS_ABOVE_GUESS, e.reason(), e.getMessage());
        assertEquals(1, e.epoch(), e.getMessage());
        assertTrue(e.getMessage().contains("batches 11-20 of epoch 1") && e.getMessage().contains("among 3 classes"),
                e.getMessage());
        assertEquals(0, t.epochsCompleted());
    }

    @Test
    @DisplayName("a sane run, even from a poor start, is not taken for divergence")
    void saneRunsAreNotDivergence() {
        Dataset train = blobs(400, 15);
        Sequential wild = Sequential.builder(4).dense(8).relu().dense(3).softmax().init(Initializer.normal(3)).seed(1)
                .build(backend);
        History h = Trainer.builder(wild).optimizer(new Sgd(0.05)).build()
                .fit(train, FitOptions.builder().epochs(4).batchSize(20).build());
        assertEquals(4, h.epochs().size());
        assertTrue(h.epochs().get(0).trainLoss() > 3 * Math.log(3), "the start is poor: " + h.epochs().get(0));
    }

    @Test
    @DisplayName("exponential decay and a run continued past its plan keep their positions across fits")
    void schedulesContinueAcrossFits() {
        Dataset train = blobs(30, 16);
        Trainer t = Trainer.builder(model(1)).optimizer(new Sgd(0.1)).schedule(new ExponentialSchedule(0.5, 0)).build();
        Recorder r = new Recorder();
        t.fit(train, FitOptions.builder().epochs(2).batchSize(30).listener(r).build());
        t.fit(train, FitOptions.builder().epochs(2).batchSize(30).listener(r).build());
        assertEquals(List.of(0.1, 0.05, 0.025, 0.0125), r.rates);
    }
}
