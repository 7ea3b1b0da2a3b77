package org.nnfs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.internal.Batches;
import org.nnfs.layer.Mode;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

class EpochOrderTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void eachEpochIsAPermutationOfItsOwn() {
        int[] first = new int[50];
        int[] second = new int[50];
        EpochOrder.fill(first, 7, 1, true);
        EpochOrder.fill(second, 7, 2, true);
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 50).toArray(), sorted);
        assertFalse(Arrays.equals(first, second), "epochs 1 and 2 should visit the examples in different orders");
        int[] again = new int[50];
        EpochOrder.fill(again, 7, 1, true);
        assertArrayEquals(first, again);
        EpochOrder.fill(again, 7, 1, false);
        assertArrayEquals(IntStream.range(0, 50).toArray(), again);
    }

    /**
     * Stepping through EpochOrder's batches by hand (the last one of 3 kept as it is) gives the trainer's
     * weights exactly: it is the trainer's order.
     */
    @Test
    void trainerVisitsBatchesInThisOrder() {
        int n = 23;
        int batch = 5;
        float[] features = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                features[i * 3 + j] = (float) Math.sin(i * 3 + j);
            }
            labels[i] = i % 2;
        }
        Dataset data = Dataset.classification(backend, DType.FLOAT64, features, n, 3, labels, 2);
        Sequential viaTrainer = model();
        Trainer trainer = Trainer.builder(viaTrainer).optimizer(new Sgd(0.5)).seed(11).build();
        trainer.fit(data, FitOptions.builder().epochs(2).batchSize(batch).partialBatch(PartialBatch.KEEP).build());

        Sequential byHand = model();
        Sgd sgd = new Sgd(0.5);
        OptimizerState state = sgd.newState(values(byHand));
        Batches batches = new Batches(data);
        int[] order = new int[n];
        CrossEntropy loss = new CrossEntropy();
        for (int epoch = 1; epoch <= 2; epoch++) {
            EpochOrder.fill(order, 11, epoch, true);
            byHand.reseed(EpochOrder.layerSeed(11, epoch));
            for (int offset = 0; offset < n; offset += batch) {
                int rows = Math.min(batch, n - offset);
                byHand.forward(batches.features(order, offset, rows), Mode.TRAINING);
                byHand.backward(loss, batches.targets(order, offset, rows));
                sgd.step(byHand.parameters(), state);
            }
        }
        for (int i = 0; i < byHand.tensors().size(); i++) {
            assertArrayEquals(viaTrainer.tensors().get(i).value().toDoubleArray(),
                    byHand.tensors().get(i).value().toDoubleArray(), byHand.tensors().get(i).name());
        }
    }

    private Sequential model() {
        return Sequential.builder(3).dense(4).tanh().dropout(0.25).dense(2).softmax()
                .init(Initializer.normal(0.5)).seed(3).dtype(DType.FLOAT64).build(backend);
    }

    private static List<Tensor> values(Sequential model) {
        return model.tensors().stream().filter(ModelTensor::isParameter).map(ModelTensor::value).toList();
    }
}
