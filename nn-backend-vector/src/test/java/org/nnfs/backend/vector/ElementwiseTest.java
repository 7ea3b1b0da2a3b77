package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * Element-wise passes large enough to be split over two threads give the bits of one call on the whole
 * array: every element takes the same path (vector or scalar tail), every column is summed in row order.
 */
class ElementwiseTest {
    private final Elementwise two = new Elementwise(Workers.ofSize(2));

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"331, 101", "64, 1000", "1, 40001", "40001, 1", "512, 200", "4099, 9"})
    @DisplayName("float: every unary op and its derivative, every binary op, bias add, axpy and column sums")
    void floats(int rows, int cols) {
        int n = rows * cols;
        float[] x = randomFloats(n, 1);
        float[] positive = new float[n];
        for (int i = 0; i < n; i++) {
            positive[i] = Math.abs(x[i]);
        }
        float[] dy = randomFloats(n, 2);
        float[] row = randomFloats(cols, 3);
        for (UnaryOp op : UnaryOp.values()) {
            float[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? positive : x;
            float[] expected = new float[n];
            float[] actual = new float[n];
            FloatKernels.unary(op, in, expected);
            two.unary(op, in, actual, n);
            assertArrayEquals(expected, actual, op.toString());
            float[] y = expected;
            FloatKernels.unaryBackward(op, in, y, dy, expected = new float[n]);
            two.unaryBackward(op, in, y, dy, actual = new float[n], n);
            assertArrayEquals(expected, actual, op + " backward");
            float[] inPlace = dy.clone(); // dx may be dy
            two.unaryBackward(op, in, y, inPlace, inPlace, n);
            assertArrayEquals(expected, inPlace, op + " backward in place");
        }
        for (BinaryOp op : BinaryOp.values()) {
            float[] expected = new float[n];
            float[] actual = new float[n];
            FloatKernels.binary(op, x, dy, expected);
            two.binary(op, x, dy, actual, n);
            assertArrayEquals(expected, actual, op.toString());
            FloatKernels.binaryRowVector(op, x, row, cols, expected);
            two.binaryRowVector(op, x, row, cols, actual, n);
            assertArrayEquals(expected, actual, op + " with a row vector");
        }
        float[] expected = dy.clone();
        float[] actual = dy.clone();
        FloatKernels.axpy(-0.1, x, expected);
        two.axpy(-0.1, x, actual, n);
        assertArrayEquals(expected, actual, "axpy");
        expected = new float[cols];
        actual = new float[cols];
        FloatKernels.sumColumns(x, cols, expected);
        two.sumColumns(x, cols, actual, n);
        assertArrayEquals(expected, actual, "column sums");
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"331, 101", "1, 40001", "40001, 1", "4099, 9"})
    @DisplayName("double: every unary op and its derivative, every binary op, bias add, axpy and column sums")
    void doubles(int rows, int cols) {
        int n = rows * cols;
        double[] x = randomDoubles(n, 1);
        double[] positive = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = Math.abs(x[i]);
        }
        double[] dy = randomDoubles(n, 2);
        double[] row = randomDoubles(cols, 3);
        for (UnaryOp op : UnaryOp.values()) {
            double[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? positive : x;
            double[] expected = new double[n];
            double[] actual = new double[n];
            DoubleKernels.unary(op, in, expected);
            two.unary(op, in, actual, n);
            assertArrayEquals(expected, actual, op.toString());
            double[] y = expected;
            DoubleKernels.unaryBackward(op, in, y, dy, expected = new double[n]);
            two.unaryBackward(op, in, y, dy, actual = new double[n], n);
            assertArrayEquals(expected, actual, op + " backward");
        }
        for (BinaryOp op : BinaryOp.values()) {
            double[] expected = new double[n];
            double[] actual = new double[n];
            DoubleKernels.binary(op, x, dy, expected);
            two.binary(op, x, dy, actual, n);
            assertArrayEquals(expected, actual, op.toString());
            DoubleKernels.binaryRowVector(op, x, row, cols, expected);
            two.binaryRowVector(op, x, row, cols, actual, n);
            assertArrayEquals(expected, actual, op + " with a row vector");
        }
        double[] expected = dy.clone();
        double[] actual = dy.clone();
        DoubleKernels.axpy(-0.1, x, expected);
        two.axpy(-0.1, x, actual, n);
        assertArrayEquals(expected, actual, "axpy");
        expected = new double[cols];
        actual = new double[cols];
        DoubleKernels.sumColumns(x, cols, expected);
        two.sumColumns(x, cols, actual, n);
        assertArrayEquals(expected, actual, "column sums");
    }

    /** Values in [-4, 4) with NaN, infinities and both zeros among them. */
    private static float[] randomFloats(int n, long seed) {
        double[] d = randomDoubles(n, seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] randomDoubles(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextInt(97) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextDouble(-4, 4);
        }
        return d;
    }
}
