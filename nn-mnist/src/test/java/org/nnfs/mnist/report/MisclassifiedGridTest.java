package org.nnfs.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MisclassifiedGridTest {
    @Test
    void theMostConfidentMistakesComeFirstTiesInTestSetOrder() {
        float[] pixels = new float[784];
        List<Misclassified> errors = List.of(new Misclassified(3, pixels, 1, 7, 0.41),
                new Misclassified(8, pixels, 4, 9, 0.97), new Misclassified(12, pixels, 5, 3, 0.41),
                new Misclassified(20, pixels, 2, 7, 0.63));
        assertEquals(List.of(8, 20, 3, 12),
                MisclassifiedGrid.mostConfidentFirst(errors).stream().map(Misclassified::index).toList());
        assertEquals(List.of(3, 8, 12, 20), errors.stream().map(Misclassified::index).toList(), "the input is left alone");
    }
}
