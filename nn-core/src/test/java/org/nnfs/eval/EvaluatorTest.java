package org.nnfs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Dense;
import org.nnfs.loss.BinaryCrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.loss.SigmoidBinaryCrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;

/**
 * The metrics of each kind of dataset against values worked out by hand, on models whose outputs are
 * known: {@code Dense(1)} with weight 1 and bias 0 passes its input through, so the features are the
 * scores (logits), and a sigmoid after it makes them probabilities.
 */
class EvaluatorTest {
    private final Backend backend = new ReferenceBackend();

    private Sequential identity(boolean sigmoid) {
        Sequential.Builder b = Sequential.builder(1).add(new Dense(1, Initializer.ones())).dtype(DType.FLOAT64);
        return (sigmoid ? b.sigmoid() : b).build(backend);
    }

    private Dataset binary(double[] scores, int[] labels) {
        double[][] x = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            x[i] = new double[] {scores[i]};
        }
        return Dataset.builder(backend).dtype(DType.FLOAT64).features(x).labels(labels, 1).build();
    }

    @Test
    @DisplayName("binary: confusion at 0.5, precision, recall, F1 of class 1 and ROC AUC, for probabilities and logits")
    void binaryMetrics() {
        // negatives score -1 and 0.5, positives 0.2 and 2: the positive 0.2 beats one negative, 2 beats both.
        Dataset data = binary(new double[] {-1, 0.5, 0.2, 2}, new int[] {0, 0, 1, 1});
        Evaluation withSigmoid = Evaluator.evaluate(identity(true), data, new BinaryCrossEntropy());
        Evaluation onLogits = Evaluator.evaluate(identity(false), data, new SigmoidBinaryCrossEntropy());
        for (Evaluation e : new Evaluation[] {withSigmoid, onLogits}) {
            assertTrue(e.isBinary() && !e.isRegression());
            assertEquals(2, e.classes());
            assertEquals(0.5, e.threshold());
            // class 1 when the score is above 0 (probability above 0.5): -1 -> 0, 0.5 -> 1, 0.2 -> 1, 2 -> 1
            assertArrayEquals(new int[][] {{1, 1}, {0, 2}}, e.confusionMatrix());
            assertEquals(0.75, e.accuracy(), 1e-15);
            assertEquals(2 / 3.0, e.precision(), 1e-15);
            assertEquals(1.0, e.recall(), 1e-15);
            assertEquals(0.8, e.f1(), 1e-15);
            assertEquals(0.75, e.rocAuc(), 1e-15);
            assertTrue(Double.isNaN(e.mae()) && Double.isNaN(e.r2()));
            assertTrue(e.report().contains("ROC AUC 0.7500") && e.report().contains("precision 0.6667"), e.report());
        }
        double bce = 0;
        for (double[] sy : new double[][] {{-1, 0}, {0.5, 0}, {0.2, 1}, {2, 1}}) {
            double p = 1 / (1 + Math.exp(-sy[0]));
            bce -= sy[1] * Math.log(p) + (1 - sy[1]) * Math.log(1 - p);
        }
        assertEquals(bce / 4, withSigmoid.loss(), 1e-12);
        assertEquals(bce / 4, onLogits.loss(), 1e-12);
    }

    @Test
    @DisplayName("binary: another threshold moves the confusion matrix but not the ROC AUC; ties count half")
    void thresholdAndTies() {
        Dataset data = binary(new double[] {-1, 0.5, 0.2, 2}, new int[] {0, 0, 1, 1});
        for (boolean sigmoid : new boolean[] {true, false}) {
            Evaluation e = new Evaluator(identity(sigmoid), data,
                    sigmoid ? new BinaryCrossEntropy() : new SigmoidBinaryCrossEntropy(), 0.7).evaluate();
            // p > 0.7 only for the score 2 (sigmoid(0.5) = 0.62)
            assertArrayEquals(new int[][] {{2, 0}, {1, 1}}, e.confusionMatrix());
            assertEquals(1.0, e.precision(), 1e-15);
            assertEquals(0.5, e.recall(), 1e-15);
            assertEquals(0.75, e.rocAuc(), 1e-15);
        }
        Dataset tied = binary(new double[] {0.3, 0.3, 0.3, 0.9}, new int[] {0, 1, 0, 1});
        assertEquals((1.0 + 2) / 4, Evaluator.evaluate(identity(true), tied, new BinaryCrossEntropy()).rocAuc(), 1e-15,
                "the positive at 0.3 ties both negatives (1), the one at 0.9 beats both (2)");
        Dataset oneClass = binary(new double[] {0.3, 0.9}, new int[] {1, 1});
        assertTrue(Double.isNaN(Evaluator.evaluate(identity(true), oneClass, new BinaryCrossEntropy()).rocAuc()));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(identity(true), data, new BinaryCrossEntropy(), 1));
    }

    @Test
    @DisplayName("regression: MAE, RMSE and R² beside the loss; R² averages columns, a constant column predicted exactly scores 1")
    void regressionMetrics() {
        double[][] x = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        double[][] y = {{1, 7}, {2, 7}, {3, 7}, {5, 7}};
        Sequential model = Sequential.builder(2).add(new Dense(2)).dtype(DType.FLOAT64).build(backend);
        backend.copyFrom(new double[] {1, 0, 0, 1}, model.tensors().get(0).value()); // identity weights, zero bias
        Dataset data = Dataset.builder(backend).dtype(DType.FLOAT64).features(x).targets(y).build();
        Evaluation e = Evaluator.evaluate(model, data, new MeanSquaredError());
        assertTrue(e.isRegression() && !e.isBinary());
        assertEquals(1 / 8.0, e.loss(), 1e-15);
        assertEquals(1 / 8.0, e.mae(), 1e-15, "one error of 1 among 8 values");
        assertEquals(Math.sqrt(1 / 8.0), e.rmse(), 1e-15);
        // column 0: SS_res 1, SS_tot around the mean 2.75 is 8.75; column 1 is constant and exact
        assertEquals(((1 - 1 / 8.75) + 1) / 2, e.r2(), 1e-12);
        assertTrue(Double.isNaN(e.accuracy()) && Double.isNaN(e.rocAuc()) && e.classes() == 0);
        assertTrue(e.report().contains("MAE 0.1250") && e.report().contains("R² 0.9429"), e.report());
        assertFalse(e.report().contains("accuracy"), e.report());
    }
}
