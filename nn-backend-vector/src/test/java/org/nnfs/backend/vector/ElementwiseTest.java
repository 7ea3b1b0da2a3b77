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
 * array (what one thread does: the kernels' range forms over the whole range): every element takes the same
 * path (vector or scalar tail), every column is summed in row order.
 */
class ElementwiseTest {
    private final Elementwise two = new Elementwise(Workers.ofSize(2));
    private final Elementwise one = new Elementwise(Workers.ofSize(1));

    @ParameterizedTest(name = "{0} {1} x {2}")
    @CsvSource({"float, 331, 101", "float, 64, 1000", "float, 1, 40001", "float, 40001, 1", "float, 512, 200",
        "float, 4099, 9", "double, 331, 101", "double, 1, 40001", "double, 40001, 1", "double, 4099, 9"})
    @DisplayName("every unary op and its derivative, every binary op, bias add, axpy and column sums")
    void twoThreadsGiveTheBitsOfOne(String type, int rows, int cols) {
        boolean doubles = type.equals("double");
        int n = rows * cols;
        Object x = values(doubles, n, 1, false);
        Object positive = values(doubles, n, 1, true);
        Object dy = values(doubles, n, 2, false);
        Object row = values(doubles, cols, 3, false);
        for (UnaryOp op : UnaryOp.values()) {
            Object in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? positive : x;
            Object y = zeros(doubles, n);
            Object actual = zeros(doubles, n);
            one.unary(op, in, y, n);
            two.unary(op, in, actual, n);
            assertBitsEqual(y, actual, op.toString());
            Object expected = zeros(doubles, n);
            one.unaryBackward(op, in, y, dy, expected, n);
            two.unaryBackward(op, in, y, dy, actual, n);
            assertBitsEqual(expected, actual, op + " backward");
            Object inPlace = copy(dy); // dx may be dy
            two.unaryBackward(op, in, y, inPlace, inPlace, n);
            assertBitsEqual(expected, inPlace, op + " backward in place");
        }
        for (BinaryOp op : BinaryOp.values()) {
            Object expected = zeros(doubles, n);
            Object actual = zeros(doubles, n);
            one.binary(op, x, dy, expected, n);
            two.binary(op, x, dy, actual, n);
            assertBitsEqual(expected, actual, op.toString());
            one.binaryRowVector(op, x, row, cols, expected, n);
            two.binaryRowVector(op, x, row, cols, actual, n);
            assertBitsEqual(expected, actual, op + " with a row vector");
        }
        Object expected = copy(dy);
        Object actual = copy(dy);
        one.axpy(-0.1, x, expected, n);
        two.axpy(-0.1, x, actual, n);
        assertBitsEqual(expected, actual, "axpy");
        expected = zeros(doubles, cols);
        actual = zeros(doubles, cols);
        one.sumColumns(x, cols, expected, n);
        two.sumColumns(x, cols, actual, n);
        assertBitsEqual(expected, actual, "column sums");
    }

    /** Values in [-4, 4) (or their magnitudes) with NaN, infinities and both zeros among them. */
    private static Object values(boolean doubles, int n, long seed, boolean magnitudes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double v = rnd.nextInt(97) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextDouble(-4, 4);
            d[i] = magnitudes ? Math.abs(v) : v;
        }
        if (doubles) {
            return d;
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static Object zeros(boolean doubles, int n) {
        return doubles ? new double[n] : new float[n];
    }

    private static Object copy(Object array) {
        return array instanceof float[] f ? f.clone() : ((double[]) array).clone();
    }

    private static void assertBitsEqual(Object expected, Object actual, String what) {
        if (expected instanceof float[] e) {
            assertArrayEquals(e, (float[]) actual, what); // equal as floatToIntBits, so NaN equals NaN
        } else {
            assertArrayEquals((double[]) expected, (double[]) actual, what);
        }
    }
}
