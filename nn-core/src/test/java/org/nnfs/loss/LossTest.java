package org.nnfs.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

class LossTest {
    private final Backend b = new ReferenceBackend();

    private Tensor t(int rows, int cols, double... v) {
        return b.fromArray(v, rows, cols, DType.FLOAT64);
    }

    @Test
    @DisplayName("cross-entropy on probabilities: value, clipping of zeros, gradient -y/p/n")
    void crossEntropy() {
        Tensor p = t(2, 2, 0.25, 0.75, 0.0, 1.0);
        Tensor y = t(2, 2, 0, 1, 1, 0);
        Tensor g = b.zeros(2, 2, DType.FLOAT64);
        double loss = new CrossEntropy().compute(p, y, g);
        assertEquals((-Math.log(0.75) - Math.log(1e-10)) / 2, loss, 1e-12);
        assertArrayEquals(new double[] {0, -1 / 0.75 / 2, -1 / 1e-10 / 2, 0}, g.toDoubleArray(), 1e-6);
    }

    @Test
    @DisplayName("fused with softmax, cross-entropy back-propagates (p - y) / n")
    void fused() {
        Tensor p = t(2, 2, 0.25, 0.75, 0.5, 0.5);
        Tensor y = t(2, 2, 0, 1, 1, 0);
        Tensor g = b.zeros(2, 2, DType.FLOAT64);
        new CrossEntropy().softmaxGradient(p, y, g);
        assertArrayEquals(new double[] {0.125, -0.125, -0.25, 0.25}, g.toDoubleArray(), 1e-15);
    }

    @Test
    @DisplayName("softmax cross-entropy on logits is finite for huge logits")
    void stableLogits() {
        Tensor z = t(2, 3, 1000, 1001, 999, -1000, -1001, -5000);
        Tensor y = t(2, 3, 0, 1, 0, 1, 0, 0);
        Tensor g = b.zeros(2, 3, DType.FLOAT64);
        double loss = new SoftmaxCrossEntropy().compute(z, y, g);
        double lse0 = 1001 + Math.log(Math.exp(-1) + 1 + Math.exp(-2));
        double lse1 = -1000 + Math.log(1 + Math.exp(-1) + Math.exp(-4000));
        assertEquals(((lse0 - 1001) + (lse1 + 1000)) / 2, loss, 1e-12);
        for (double v : g.toDoubleArray()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    @DisplayName("mean squared error over all elements and its gradient")
    void mse() {
        Tensor o = t(2, 2, 1, 2, 3, 4);
        Tensor y = t(2, 2, 1, 0, 0, 4);
        Tensor g = b.zeros(2, 2, DType.FLOAT64);
        assertEquals((4 + 9) / 4.0, new MeanSquaredError().compute(o, y, g), 1e-15);
        assertArrayEquals(new double[] {0, 1, 1.5, 0}, g.toDoubleArray(), 1e-15);
    }

    @Test
    @DisplayName("mismatched output and target shapes are refused, naming both")
    void shapes() {
        TensorMismatchException e = assertThrows(TensorMismatchException.class,
                () -> new MeanSquaredError().compute(b.zeros(2, 3), b.zeros(2, 2), null));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Registry.losses().create("hinge"));
        assertTrue(unknown.getMessage().contains("Expected one of {cross_entropy, mse, softmax_cross_entropy}"),
                unknown.getMessage());
    }
}
