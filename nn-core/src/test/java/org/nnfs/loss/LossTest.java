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
        assertTrue(unknown.getMessage().contains("Expected one of {binary_cross_entropy, cross_entropy, mse, "
                + "sigmoid_binary_cross_entropy, softmax_cross_entropy}"), unknown.getMessage());
    }

    @Test
    @DisplayName("binary cross-entropy on probabilities: mean over all outputs, clipping, gradient (p - y) / (p (1 - p) m)")
    void binaryCrossEntropy() {
        Tensor p = t(2, 2, 0.25, 0.75, 0.0, 1.0);
        Tensor y = t(2, 2, 0, 1, 1, 1);
        Tensor g = b.zeros(2, 2, DType.FLOAT64);
        double loss = new BinaryCrossEntropy().compute(p, y, g);
        double eps = 1e-7;
        assertEquals((-Math.log(0.75) - Math.log(0.75) - Math.log(eps) - Math.log(1 - eps)) / 4, loss, 1e-12);
        double[] expected = {0.25 / (0.25 * 0.75) / 4, -0.25 / (0.75 * 0.25) / 4, (eps - 1) / (eps * (1 - eps)) / 4,
            -eps / ((1 - eps) * eps) / 4};
        assertArrayEquals(expected, g.toDoubleArray(), 1e-6);
    }

    @Test
    @DisplayName("fused with a sigmoid, binary cross-entropy back-propagates (p - y) / m, exact at saturation")
    void binaryFused() {
        Tensor p = t(3, 1, 0.25, 1.0, 0.0);
        Tensor y = t(3, 1, 1, 0, 0);
        Tensor g = b.zeros(3, 1, DType.FLOAT64);
        double loss = new BinaryCrossEntropy().sigmoidGradient(p, y, g);
        assertArrayEquals(new double[] {-0.75 / 3, 1.0 / 3, 0}, g.toDoubleArray(), 1e-15);
        assertEquals(new BinaryCrossEntropy().compute(p, y, null), loss, 0);
        assertTrue(new BinaryCrossEntropy().fusesWithSigmoid() && !new BinaryCrossEntropy().fusesWithSoftmax());
    }

    @Test
    @DisplayName("sigmoid binary cross-entropy on logits equals BCE of the sigmoid, and stays finite for huge logits")
    void sigmoidBinaryCrossEntropy() {
        double[] z = {-3, -0.5, 0, 2, 1000, -1000};
        double[] y = {0, 1, 1, 0, 0, 1};
        Tensor g = b.zeros(6, 1, DType.FLOAT64);
        double loss = new SigmoidBinaryCrossEntropy().compute(t(6, 1, z), t(6, 1, y), g);
        double sum = 0;
        double[] grad = new double[6];
        for (int i = 0; i < 6; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            // -log p = softplus(-z) and -log(1 - p) = softplus(z): another form than the loss's own
            sum += y[i] * softplus(-z[i]) + (1 - y[i]) * softplus(z[i]);
            grad[i] = (p - y[i]) / 6;
        }
        assertTrue(Double.isFinite(loss), "loss " + loss);
        assertEquals(sum / 6, loss, 1e-12);
        assertEquals((1000 + 1000) / 6.0, loss, 2, "the two saturated wrong answers cost |z| each");
        assertArrayEquals(grad, g.toDoubleArray(), 1e-15);
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static Head head(Head.Kind kind, int outputs) {
        return new Head(kind, outputs, kind == Head.Kind.OTHER ? "Dense(" + outputs + ")" : kind.toString());
    }

    /** The misfit's message, or null when the loss accepts the head. */
    private static String verdict(Loss loss, Head head) {
        try {
            loss.checkHead(head);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    @DisplayName("each loss accepts the heads it can train and names the pairing that fits for the others")
    void headPairings() {
        Loss ce = new CrossEntropy();
        Loss sce = new SoftmaxCrossEntropy();
        Loss bce = new BinaryCrossEntropy();
        Loss sbce = new SigmoidBinaryCrossEntropy();
        assertEquals(null, verdict(ce, head(Head.Kind.SOFTMAX, 10)));
        assertEquals(null, verdict(sce, head(Head.Kind.OTHER, 10)));
        assertEquals(null, verdict(bce, head(Head.Kind.SIGMOID, 1)));
        assertEquals(null, verdict(bce, head(Head.Kind.SIGMOID, 5)), "independent yes/no outputs (multi-label)");
        assertEquals(null, verdict(sbce, head(Head.Kind.OTHER, 1)));
        for (Head h : new Head[] {head(Head.Kind.SOFTMAX, 3), head(Head.Kind.SIGMOID, 3), head(Head.Kind.OTHER, 3),
            head(Head.Kind.SOFTMAX, 1), head(Head.Kind.SIGMOID, 1), head(Head.Kind.OTHER, 1)}) {
            assertEquals(null, verdict(new MeanSquaredError(), h), "mse trains any head: " + h);
        }

        String logits = verdict(ce, head(Head.Kind.OTHER, 10));
        assertTrue(logits.startsWith("the loss cross_entropy takes class probabilities")
                && logits.contains("ends in Dense(10) with 10 outputs") && logits.contains("softmax()")
                && logits.contains("SoftmaxCrossEntropy"), logits);
        String twice = verdict(sce, head(Head.Kind.SOFTMAX, 10));
        assertTrue(twice.contains("applied twice") && twice.contains("CrossEntropy, which takes probabilities"), twice);
        String binaryOnSoftmax = verdict(bce, head(Head.Kind.SOFTMAX, 10));
        assertTrue(binaryOnSoftmax.contains("binary_cross_entropy") && binaryOnSoftmax.contains("CrossEntropy after softmax()")
                && binaryOnSoftmax.contains("dense(1).sigmoid()"), binaryOnSoftmax);
        String binaryOnLogits = verdict(bce, head(Head.Kind.OTHER, 1));
        assertTrue(binaryOnLogits.contains("SigmoidBinaryCrossEntropy"), binaryOnLogits);
        String sigmoidTwice = verdict(sbce, head(Head.Kind.SIGMOID, 1));
        assertTrue(sigmoidTwice.contains("applied twice") && sigmoidTwice.contains("BinaryCrossEntropy"), sigmoidTwice);
        String oneSoftmax = verdict(ce, head(Head.Kind.SOFTMAX, 1));
        assertTrue(oneSoftmax.contains("always 1") && oneSoftmax.contains("BinaryCrossEntropy"), oneSoftmax);
        String oneLogit = verdict(sce, head(Head.Kind.OTHER, 1));
        assertTrue(oneLogit.contains("always 1") && oneLogit.contains("SigmoidBinaryCrossEntropy"), oneLogit);
        String ceOnSigmoid = verdict(ce, head(Head.Kind.SIGMOID, 1));
        assertTrue(ceOnSigmoid.contains("BinaryCrossEntropy"), ceOnSigmoid);
        assertTrue(verdict(sce, head(Head.Kind.SIGMOID, 1)).contains("BinaryCrossEntropy"));
        assertTrue(verdict(sbce, head(Head.Kind.SOFTMAX, 4)).contains("CrossEntropy after softmax()"));
    }

    @Test
    @DisplayName("the binary losses are registered under their names and aliases")
    void binaryRegistered() {
        assertTrue(Registry.losses().create("binary_cross_entropy") instanceof BinaryCrossEntropy);
        assertTrue(Registry.losses().create("bce") instanceof BinaryCrossEntropy);
        assertTrue(Registry.losses().create("sigmoid_binary_cross_entropy") instanceof SigmoidBinaryCrossEntropy);
        assertTrue(Registry.losses().create("bce-with-logits") instanceof SigmoidBinaryCrossEntropy);
    }
}
