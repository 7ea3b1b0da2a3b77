package org.nnfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;

class DatasetTest {
    private final Backend backend = new ReferenceBackend();

    private static String refused(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    @DisplayName("features as double[][] or float[][] with integer labels become one-hot targets")
    void fromRows() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}};
        Dataset a = Dataset.builder(backend).features(x).labels(new int[] {2, 0, 1}, 3).build();
        Dataset b = Dataset.builder(backend).features(new float[][] {{1, 2}, {3, 4}, {5, 6}})
                .oneHot(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}).build();
        for (Dataset d : new Dataset[] {a, b}) {
            assertEquals(3, d.size());
            assertEquals(2, d.inputSize());
            assertEquals(3, d.classes());
            assertFalse(d.isBinary());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.features().toFloatArray());
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.targets().toFloatArray());
            assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        }
        x[0][0] = 99;
        assertEquals(1, a.features().toFloatArray()[0], "the rows were copied");
        Dataset f64 = Dataset.builder(backend).dtype(DType.FLOAT64).features(new double[][] {{0.1}}).labels(new int[] {1}, 2)
                .build();
        assertEquals(0.1, f64.features().toDoubleArray()[0], 0, "float64 keeps every bit of a double");
    }

    @Test
    @DisplayName("classes = 1 is binary: labels 0 and 1 in one target column")
    void binaryLabels() {
        Dataset d = Dataset.builder(backend).features(new double[][] {{1}, {2}, {3}}).labels(new int[] {1, 0, 1}, 1).build();
        assertTrue(d.isBinary() && d.hasLabels());
        assertEquals(1, d.classes());
        assertEquals(1, d.outputSize());
        assertArrayEquals(new float[] {1, 0, 1}, d.targets().toFloatArray());
        assertTrue(d.toString().contains("binary labels"), d.toString());
        assertEquals(d.toString(), Dataset.classification(backend, DType.FLOAT32, new float[] {1, 2, 3}, 3, 1,
                new int[] {1, 0, 1}, 1).toString());
        String e = refused(() -> Dataset.builder(backend).features(new double[][] {{1}, {2}}).labels(new int[] {0, 2}, 1));
        assertEquals("label 2 of row 1 is not 0 or 1 (classes = 1 means binary labels)", e);
    }

    @Test
    @DisplayName("regression targets from rows or row-major arrays")
    void regression() {
        Dataset d = Dataset.builder(backend).features(new float[] {1, 2, 3, 4}, 4, 1).targets(new double[][] {{1, 10},
            {2, 20}, {3, 30}, {4, 40}}).build();
        assertFalse(d.hasLabels());
        assertEquals(0, d.classes());
        assertEquals(2, d.outputSize());
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, d.targets().toFloatArray());
        Dataset same = Dataset.regression(backend, DType.FLOAT32, new float[] {1, 2, 3, 4}, 4, 1,
                new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 2);
        assertArrayEquals(d.targets().toFloatArray(), same.targets().toFloatArray());
    }

    @Test
    @DisplayName("NaN and infinite values are refused, naming the row and column")
    void nonFinite() {
        assertEquals("features row 1, column 2 is NaN; remove or impute missing values before making a dataset",
                refused(() -> Dataset.builder(backend).features(new double[][] {{1, 2, 3}, {4, 5, Double.NaN}})));
        assertTrue(refused(() -> Dataset.classification(backend, DType.FLOAT32, new float[] {1, Float.POSITIVE_INFINITY},
                2, 1, new int[] {0, 1}, 2)).startsWith("features row 1, column 0 is Infinity"));
        assertTrue(refused(() -> Dataset.builder(backend).features(new double[][] {{1}}).targets(
                new float[][] {{0, Float.NEGATIVE_INFINITY}})).startsWith("targets row 0, column 1 is -Infinity"));
    }

    @Test
    @DisplayName("shapes and kinds that do not fit are refused with the numbers")
    void badShapes() {
        assertEquals("features row 2 has 1 value, but row 0 has 2",
                refused(() -> Dataset.builder(backend).features(new double[][] {{1, 2}, {3, 4}, {5}})));
        assertEquals("dataset: 2 rows of features but 3 rows of labels",
                refused(() -> Dataset.builder(backend).features(new double[][] {{1}, {2}}).labels(new int[] {0, 1, 1}, 2)
                        .build()));
        assertEquals("a dataset needs labels(...), oneHot(...) or targets(...)",
                refused(() -> Dataset.builder(backend).features(new double[][] {{1}}).build()));
        assertEquals("a dataset needs features: call features(...)",
                refused(() -> Dataset.builder(backend).labels(new int[] {0}, 2).build()));
        assertEquals("a dataset has one kind of target, but targets(...) follows labels(...)",
                refused(() -> Dataset.builder(backend).labels(new int[] {0}, 2).targets(new double[][] {{1}})));
        assertTrue(refused(() -> Dataset.builder(backend).oneHot(new double[][] {{0, 1}, {1, 1}}))
                .startsWith("one-hot targets row 1 is not one-hot: column 1 is 1.0 after a 1 in column 0"));
        assertTrue(refused(() -> Dataset.builder(backend).oneHot(new double[][] {{0, 0.7}}))
                .contains("soft labels go in targets(...)"));
        assertEquals("one-hot targets row 0 has no 1", refused(() -> Dataset.builder(backend).oneHot(new double[][] {{0, 0}})));
        assertTrue(refused(() -> Dataset.builder(backend).oneHot(new double[][] {{1}})).contains("labels(labels, 1)"));
        assertEquals("features: 5 values do not make 2 rows of 3",
                refused(() -> Dataset.builder(backend).features(new float[5], 2, 3)));
        assertEquals("features have no rows", refused(() -> Dataset.builder(backend).features(new double[0][])));
    }

    private Dataset labelled(int n, int classes) {
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i};
            labels[i] = i % 10 < 3 ? 1 : 0; // 30 % of class 1
        }
        return Dataset.builder(backend).features(x).labels(labels, classes).build();
    }

    @Test
    @DisplayName("split is seeded, disjoint, complete, keeps each part in the original order and each class's share")
    void split() {
        Dataset data = labelled(200, 1);
        Dataset.Split a = data.split(0.25, 7);
        Dataset.Split b = data.split(0.25, 7);
        Dataset.Split c = data.split(0.25, 8);
        assertEquals(150, a.train().size());
        assertEquals(50, a.test().size());
        assertArrayEquals(a.test().features().toFloatArray(), b.test().features().toFloatArray(), "same seed");
        assertFalse(Arrays.equals(a.test().features().toFloatArray(), c.test().features().toFloatArray()), "other seed");
        Set<Float> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {a.train(), a.test()}) {
            float[] x = part.features().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertTrue(seen.add(x[i]), "example " + x[i] + " is in one part only");
                assertEquals(((int) x[i]) % 10 < 3 ? 1 : 0, part.label(i), "labels travel with their rows");
                assertTrue(i == 0 || x[i] > x[i - 1], "original order");
            }
            assertTrue(part.isBinary());
        }
        assertEquals(200, seen.size());
        assertEquals(15, Arrays.stream(a.test().labels()).sum(), "30 % of the 50 held out are class 1");
    }

    @Test
    @DisplayName("split of a regression set, and fractions that leave a part empty, are handled")
    void splitEdges() {
        Dataset regression = Dataset.builder(backend).features(new double[][] {{1}, {2}, {3}, {4}, {5}})
                .targets(new double[][] {{1}, {2}, {3}, {4}, {5}}).build();
        Dataset.Split s = regression.split(0.4, 1);
        assertEquals(3, s.train().size());
        assertEquals(2, s.test().size());
        assertArrayEquals(s.test().features().toFloatArray(), s.test().targets().toFloatArray(), "targets follow");
        assertEquals("split(0.01) of 5 examples leaves the test part empty; use a larger fraction or more examples",
                refused(() -> regression.split(0.01, 1)));
        assertTrue(refused(() -> regression.split(1, 1)).contains("must be in (0, 1), got 1.0"));
        assertTrue(refused(() -> regression.split(Double.NaN, 1)).contains("got NaN"));
    }
}
