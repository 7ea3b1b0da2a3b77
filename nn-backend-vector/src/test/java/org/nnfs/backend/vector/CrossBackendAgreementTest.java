package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Momentum;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * The same model trained with the same seeds on this backend and on nn-core's plain-loop
 * {@link ReferenceBackend} ends with the same weights, up to rounding. The layers are wide and the batch
 * large enough that every GEMM of training is split over both threads and runs through full register
 * tiles as well as partial ones.
 */
class CrossBackendAgreementTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("trained weights agree with the reference backend's")
    void trainedWeightsAgree(DType dtype) {
        List<double[]> vector = train(new VectorBackend(2), dtype);
        List<double[]> reference = train(new ReferenceBackend(), dtype);
        // Only rounding differs (sums in another order), carried through 15 steps of training. Measured: at most
        // 3e-16 (float64) and 3e-7 (float32) of the largest weight; the bounds leave a margin of 3000 and 30.
        double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertEquals(reference.size(), vector.size());
        for (int p = 0; p < reference.size(); p++) {
            double[] expected = reference.get(p);
            double[] actual = vector.get(p);
            double largest = 0;
            for (double v : expected) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                double diff = Math.abs(expected[i] - actual[i]);
                assertTrue(diff <= tolerance * largest, dtype + " parameter " + p + " element " + i + ": reference "
                        + expected[i] + ", vector " + actual[i] + " (largest weight " + largest + ")");
            }
        }
    }

    /** A 96-64-40-10 classifier, 3 epochs of momentum SGD on 640 noisy samples in batches of 128. */
    private static List<double[]> train(Backend backend, DType dtype) {
        int rows = 640;
        int inputs = 96;
        int classes = 10;
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[rows * inputs];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
            for (int j = 0; j < inputs; j++) {
                x[r * inputs + j] = (float) (random.nextGaussian() + (j % classes == labels[r] ? 1.5 : 0));
            }
        }
        Dataset data = Dataset.classification(backend, dtype, x, rows, inputs, labels, classes);
        Sequential model = Sequential.builder(inputs).dense(64).relu().dense(40).tanh().dense(classes).softmax()
                .init(Initializer.he()).seed(3).dtype(dtype).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Momentum(0.05)).seed(7).build();
        trainer.fit(data, FitOptions.builder().epochs(3).batchSize(128).build());
        return model.parameters().stream().map(p -> p.value().toDoubleArray()).toList();
    }
}
