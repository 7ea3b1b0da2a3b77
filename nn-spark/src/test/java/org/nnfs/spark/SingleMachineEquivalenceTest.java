package org.nnfs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Recenter;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.History;
import org.nnfs.train.Trainer;

/**
 * Synchronous training on 1, 2, 3 and 4 partitions takes the same steps as {@link Trainer} on one machine:
 * the same weights (float64, within 1e-6 after several steps) and the same per-epoch loss and accuracy.
 */
class SingleMachineEquivalenceTest {
    private static final Examples DATA = new Examples(300, 6, 3);
    private static final int BATCH = 64; // 300 = 4 full batches and a partial one of 44
    private static final int EPOCHS = 2;
    private final Backend backend = Backends.get("vector", 1);

    @ParameterizedTest(name = "{0} partition(s)")
    @ValueSource(ints = {1, 2, 4})
    void sgdStepsAreTheSingleMachineSteps(int partitions) {
        compare(partitions, () -> new Sgd(0.3));
    }

    @Test
    void adamStepsAreTheSingleMachineSteps() {
        compare(3, () -> new Adam(0.01, 0.9, 0.999, 1e-8, 0.001));
    }

    private void compare(int partitions, Supplier<Optimizer> optimizer) {
        Sequential local = model();
        Trainer trainer = Trainer.builder(local).optimizer(optimizer.get()).seed(5).build();
        History expected = trainer.fit(DATA.local(backend, DType.FLOAT64),
                FitOptions.builder().epochs(EPOCHS).batchSize(BATCH).partialBatch(PartialBatch.KEEP).build());

        Sequential distributed = model();
        DistributedTrainer spark = DistributedTrainer.builder(distributed).optimizer(optimizer.get()).seed(5)
                .backend("vector").build();
        List<EpochSummary> actual;
        try (DistributedDataset data = DistributedDataset.classification(DATA.frame(partitions), "features", "label",
                DATA.classes)) {
            assertEquals(partitions, data.partitions());
            actual = spark.fit(data, EPOCHS, BATCH);
        }

        assertSameWeights(local, distributed, 1e-6, 1e-3);
        for (int e = 0; e < EPOCHS; e++) {
            EpochSummary want = expected.epochs().get(e);
            EpochSummary got = actual.get(e);
            assertEquals(want.trainLoss(), got.trainLoss(), 1e-9, "epoch " + (e + 1) + " loss");
            assertEquals(want.trainAccuracy(), got.trainAccuracy(), 1e-12, "epoch " + (e + 1) + " accuracy");
        }
        assertEquals(trainer.optimizerState().steps(), spark.state().optimizerState().steps());
    }

    /**
     * A layer whose buffer moves while training (a running mean, like batch normalisation's): the
     * partitions' buffers, averaged by rows, are the single machine's, since the update is linear.
     */
    @Test
    void buffersAreAveragedIntoTheSingleMachineValues() {
        Supplier<Sequential> recentered = () -> Sequential.builder(DATA.inputs).add(new Recenter(0.8)).dense(8).tanh()
                .dense(DATA.classes).softmax().init(Initializer.normal(0.5)).seed(3).dtype(DType.FLOAT64)
                .build(Backends.get("vector", 1));
        Sequential local = recentered.get();
        Trainer.builder(local).optimizer(new Sgd(0.3)).seed(5).build()
                .fit(DATA.local(backend, DType.FLOAT64), FitOptions.builder().epochs(1).batchSize(BATCH).partialBatch(PartialBatch.KEEP).build());
        Sequential distributed = recentered.get();
        try (DistributedDataset data = DistributedDataset.classification(DATA.frame(2), "features", "label",
                DATA.classes)) {
            DistributedTrainer.builder(distributed).optimizer(new Sgd(0.3)).seed(5).backend("vector").build()
                    .fit(data, 1, BATCH);
        }
        assertSameWeights(local, distributed, 1e-6, 1e-3);
    }

    /** A checkpoint of one trainer continues on the other: one machine, then Spark, then one machine. */
    @Test
    void checkpointsMoveBetweenOneMachineAndSpark() {
        FitOptions oneEpoch = FitOptions.builder().epochs(1).batchSize(BATCH).partialBatch(PartialBatch.KEEP).build();
        Sequential reference = model();
        Trainer.builder(reference).optimizer(new Adam(0.01, 0.9, 0.999, 1e-8, 0)).seed(5).build()
                .fit(DATA.local(backend, DType.FLOAT64),
                        FitOptions.builder().epochs(3).batchSize(BATCH).partialBatch(PartialBatch.KEEP).build());

        Trainer first = Trainer.builder(model()).optimizer(new Adam(0.01, 0.9, 0.999, 1e-8, 0)).seed(5).build();
        first.fit(DATA.local(backend, DType.FLOAT64), oneEpoch);
        DistributedTrainer second = DistributedTrainer.resume(first.checkpoint()).backend("vector").build();
        try (DistributedDataset data = DistributedDataset.classification(DATA.frame(2), "features", "label",
                DATA.classes)) {
            second.fit(data, 1, BATCH);
        }
        assertEquals(2, second.epochsCompleted());
        Trainer third = Trainer.resume(second.checkpoint());
        third.fit(DATA.local(backend, DType.FLOAT64), oneEpoch);
        assertEquals(3, third.epochsCompleted());
        assertSameWeights(reference, third.model(), 1e-6, 1e-3);
    }

    /**
     * Every tensor of {@code actual} within {@code tolerance} of {@code expected}'s, and some weight at least
     * {@code minMove} away from where a fresh model starts (so that equal means "trained alike").
     */
    static void assertSameWeights(Sequential expected, Sequential actual, double tolerance, double minMove) {
        double moved = 0;
        for (int i = 0; i < expected.tensors().size(); i++) {
            ModelTensor e = expected.tensors().get(i);
            double[] want = e.value().toDoubleArray();
            double[] got = actual.tensors().get(i).value().toDoubleArray();
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], tolerance, e.name() + "[" + k + "]");
            }
            moved = Math.max(moved, maxAbsDifference(want, fresh(expected).tensors().get(i).value().toDoubleArray()));
        }
        assertTrue(moved >= minMove, "training should move the weights, moved at most " + moved);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    /** The same architecture, initializer and seed: the weights {@code model} started from. */
    private static Sequential fresh(Sequential model) {
        Sequential.Builder b = Sequential.builder(model.inputSize()).init(model.initializer()).seed(model.seed())
                .dtype(model.dtype());
        model.layers().forEach(b::add);
        return b.build(model.backend());
    }

    static Sequential model() {
        return Sequential.builder(DATA.inputs).dense(16).tanh().dense(8).relu().dense(DATA.classes).softmax()
                .init(Initializer.normal(0.5)).seed(3).dtype(DType.FLOAT64).build(Backends.get("vector", 1));
    }
}
