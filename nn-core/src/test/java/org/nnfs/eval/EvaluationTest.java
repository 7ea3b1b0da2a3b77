package org.nnfs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    @DisplayName("accuracy, precision, recall and F1 follow from the confusion matrix")
    void metrics() {
        // rows: true class, columns: predicted
        int[][] m = {{5, 1, 0}, {2, 3, 0}, {0, 0, 0}};
        Evaluation e = Evaluation.multiClass(11, 0.5, m);
        assertEquals(8 / 11.0, e.accuracy(), 1e-15);
        assertEquals(5 / 7.0, e.precision(0), 1e-15);
        assertEquals(5 / 6.0, e.recall(0), 1e-15);
        assertEquals(2 * (5 / 7.0) * (5 / 6.0) / (5 / 7.0 + 5 / 6.0), e.f1(0), 1e-15);
        assertEquals(3 / 4.0, e.precision(1), 1e-15);
        assertEquals(3 / 5.0, e.recall(1), 1e-15);
        assertEquals(0, e.precision(2));
        assertEquals(0, e.recall(2));
        assertEquals(0, e.f1(2));
        assertEquals(6, e.support(0));
        assertEquals((e.f1(0) + e.f1(1)) / 3, e.macroF1(), 1e-15);
        String report = e.report();
        assertTrue(report.contains("accuracy 0.7273") && report.contains("confusion matrix"), report);
        e.confusionMatrix()[0][0] = 99;
        assertEquals(8 / 11.0, e.accuracy(), 1e-15, "the matrix handed out is a copy");
    }
}
