package org.nnfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

/** {@link Dataset#classification(Tensor, int[], int)}: features filled block by block, kept as they are. */
class TensorDatasetTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void keepsTheFeatureTensorAndOneHotEncodesTheLabelsInItsDType() {
        Tensor features = backend.zeros(5, 2, DType.FLOAT64);
        float[] block = {1, 2, 3, 4, 5, 6};
        backend.copyRowsFrom(block, 0, features, 0, 3); // rows 0-2
        backend.copyRowsFrom(block, 2, features, 3, 2); // rows 3-4 from the block's second row on
        int[] labels = {2, 0, 1, 2, 2};

        Dataset d = Dataset.classification(features, labels, 3);
        labels[0] = 1; // the dataset keeps its own copy

        assertSame(features, d.features());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 3, 4, 5, 6}, d.features().toDoubleArray());
        assertEquals(DType.FLOAT64, d.targets().dtype());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1}, d.targets().toDoubleArray());
        assertArrayEquals(new int[] {2, 0, 1, 2, 2}, d.labels());
        assertEquals(5, d.size());
        assertEquals(2, d.inputSize());
        assertEquals(3, d.classes());
    }

    @Test
    void binaryLabelsMakeOneTargetColumn() {
        Tensor features = backend.zeros(3, 2);
        Dataset d = Dataset.classification(features, new int[] {0, 1, 1}, 1);
        assertEquals(1, d.outputSize());
        assertEquals(true, d.isBinary());
        assertArrayEquals(new double[] {0, 1, 1}, d.targets().toDoubleArray());
    }

    @Test
    void badLabelsAreNamed() {
        Tensor features = backend.zeros(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(features, new int[] {0, 3, 1}, 3));
        assertEquals("label 3 of row 1 is outside [0, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.classification(features, new int[] {0, 1}, 3));
        assertEquals("dataset: 2 labels for 3 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.classification(features, new int[3], 0));
        assertEquals("classes must be at least 1 (1: binary labels 0 and 1), got 0", e.getMessage());
    }
}
