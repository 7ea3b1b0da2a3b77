package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/** Gathers large enough to be split over the team of threads give exactly the rows asked for. */
class RowGatherTest {
    private final VectorBackend two = new VectorBackend(2);

    @Test
    @DisplayName("a shuffled batch of 517 rows of 784 from 3,000, at an offset, both element types, on two threads")
    void largeShuffledBatch() {
        int rows = 3000;
        int cols = 784;
        int batch = 517; // not a whole number of chunks
        int offset = 1234;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextDouble(-1, 1);
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (DType dtype : DType.values()) {
            Tensor src = two.fromArray(values, rows, cols, dtype);
            Tensor out = two.zeros(batch, cols, dtype);
            two.gatherRows(src, order, offset, out);
            double[] got = out.toDoubleArray();
            double[] all = src.toDoubleArray();
            for (int i = 0; i < batch; i++) {
                int from = order[offset + i] * cols;
                double[] expected = Arrays.copyOfRange(all, from, from + cols);
                double[] row = Arrays.copyOfRange(got, i * cols, (i + 1) * cols);
                assertArrayEquals(expected, row, dtype + " row " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} rows of {1} columns")
    @CsvSource({"1, 1", "7, 3", "8, 17", "9, 16", "23, 785", "64, 7", "65, 33"})
    @DisplayName("groups of eight rows, the rows after them, and columns past the last whole vector, both types")
    void groupsAndTails(int batch, int cols) {
        int rows = 97;
        SplittableRandom rnd = new SplittableRandom(batch * 1000L + cols);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextDouble(-1, 1);
        }
        int[] order = new int[batch + 3];
        for (int i = 0; i < order.length; i++) {
            order[i] = rnd.nextInt(rows);
        }
        for (VectorBackend be : new VectorBackend[] {new VectorBackend(1), two}) {
            for (DType dtype : DType.values()) {
                Tensor src = be.fromArray(values, rows, cols, dtype);
                Tensor out = be.zeros(batch, cols, dtype);
                be.gatherRows(src, order, 3, out);
                double[] got = out.toDoubleArray();
                double[] all = src.toDoubleArray();
                for (int i = 0; i < batch; i++) {
                    int from = order[3 + i] * cols;
                    assertArrayEquals(Arrays.copyOfRange(all, from, from + cols),
                            Arrays.copyOfRange(got, i * cols, (i + 1) * cols), dtype + " row " + i);
                }
            }
        }
    }
}
