package org.nnfs.backend.ojalgo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Every kernel but GEMM against hand values, the {@link Reference} oracle, or the scalar definitions in
 * {@link UnaryOp} and {@link BinaryOp}, in both element types, out of place and in place.
 */
class OjAlgoKernelsTest {
    private final Backend be = new OjAlgoBackendProvider().create(1);

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
    }

    private static void assertClose(double[] expected, double[] actual, double relTol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, a, "element " + i);
            } else if (!(Math.abs(e - a) <= relTol * Math.max(1, Math.abs(e)))) {
                throw new AssertionError("element " + i + ": expected " + e + " but was " + a);
            }
        }
    }

    /** Values as the tensor stores them, so float32 rounding of inputs does not count as error. */
    private double[] stored(Tensor t) {
        return t.toDoubleArray();
    }

    private Tensor random(int rows, int cols, DType dtype, long seed, double lo, double hi) {
        Random g = new Random(seed);
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * g.nextDouble();
        }
        return be.fromArray(x, rows, cols, dtype);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("copies keep row-major order, and the store is the tensor's column-major transpose")
    void rowMajorLayout(DType dtype) {
        Tensor t = be.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, dtype);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toDoubleArray());
        OjAlgoTensor o = (OjAlgoTensor) t;
        assertEquals(3, o.store.getRowDim());
        assertEquals(2, o.store.getColDim());
        assertEquals(6.0, o.store.doubleValue(2, 1)); // store (2,1) = tensor (1,2)
        assertEquals(6.0, o.view.doubleValue(1, 2));
        double[] src = {9, 9, 7, 8, 9, 10, 11, 12};
        be.copyFrom(src, 2, t);
        assertArrayEquals(new double[] {7, 8, 9, 10, 11, 12}, t.toDoubleArray());
        float[] srcF = {0, 1, 2, 3, 4, 5, 6};
        be.copyFrom(srcF, 1, t);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        float[] longer = new float[8];
        be.copyTo(t, longer);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 0, 0}, longer);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fillCopyAffineScaleAxpy(DType dtype) {
        Tensor a = be.fromArray(new double[] {1, -2, 3.5, 0}, 2, 2, dtype);
        Tensor out = be.zeros(2, 2, dtype);
        be.fill(2.5, out);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, out.toDoubleArray());
        be.copy(a, out);
        assertArrayEquals(new double[] {1, -2, 3.5, 0}, out.toDoubleArray());
        be.affine(a, 2, -1, out);
        assertArrayEquals(new double[] {1, -5, 6, -1}, out.toDoubleArray());
        be.scale(-0.5, a, out);
        assertArrayEquals(new double[] {-0.5, 1, -1.75, -0.0}, out.toDoubleArray()); // -0.5 · 0 is -0
        be.axpy(2, a, out); // out = 2a + out
        assertArrayEquals(new double[] {1.5, -3, 5.25, 0}, out.toDoubleArray());
        be.affine(out, 1, 1, out); // in place
        assertArrayEquals(new double[] {2.5, -2, 6.25, 1}, out.toDoubleArray());
        be.scale(2, out, out);
        assertArrayEquals(new double[] {5, -4, 12.5, 2}, out.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void addRowVectorAndSumColumns(DType dtype) {
        Tensor a = be.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3, dtype);
        Tensor bias = be.fromArray(new double[] {10, 20, 30}, 1, 3, dtype);
        Tensor out = be.zeros(2, 3, dtype);
        be.addRowVector(a, bias, out);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, out.toDoubleArray());
        be.addRowVector(out, bias, out);
        assertArrayEquals(new double[] {21, 42, 63, 24, 45, 66}, out.toDoubleArray());
        Tensor sums = be.zeros(1, 3, dtype);
        be.fill(Double.NaN, sums); // old contents must not leak in
        be.sumColumns(a, sums);
        assertArrayEquals(new double[] {5, 7, 9}, sums.toDoubleArray());
        be.sumColumns(sums, sums); // a one-row tensor summed into itself is itself
        assertArrayEquals(new double[] {5, 7, 9}, sums.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sumColumnsMatchesTheOracle(DType dtype) {
        Tensor a = random(37, 11, dtype, 3, -1, 1);
        double[] expected = Reference.sumColumns(stored(a), 37, 11);
        Tensor out = be.zeros(1, 11, dtype);
        be.sumColumns(a, out);
        assertClose(expected, out.toDoubleArray(), 40 * tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("softmax subtracts the row max: huge and all-negative logits stay finite and exact")
    void softmaxIsStable(DType dtype) {
        Tensor a = be.fromArray(new double[] {1000, 1001, -1000, -1001, -5, -5}, 3, 2, dtype);
        Tensor out = be.zeros(3, 2, dtype);
        be.softmaxRows(a, out);
        double p = 1 / (1 + Math.exp(1)); // e^0 / (e^0 + e^1) for [1000, 1001]
        assertClose(new double[] {p, 1 - p, 1 - p, p, 0.5, 0.5}, out.toDoubleArray(), tol(dtype));
        be.softmaxRows(a, a); // in place
        assertClose(new double[] {p, 1 - p, 1 - p, p, 0.5, 0.5}, a.toDoubleArray(), tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxMatchesTheOracle(DType dtype) {
        int rows = 7;
        int cols = 10;
        Tensor a = random(rows, cols, dtype, 5, -30, 30);
        double[] expected = Reference.softmaxRows(stored(a), rows, cols);
        Tensor out = be.zeros(rows, cols, dtype);
        be.softmaxRows(a, out);
        assertClose(expected, out.toDoubleArray(), 4 * tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("argmax is signed (all-negative rows), first on ties, and NaN wins as in NumPy")
    void argmax(DType dtype) {
        Tensor a = be.fromArray(new double[] {
            -3, -1, -2, -7,
            -5, -9, -8, -6,
            2, 7, 7, 1,
            0, Double.NaN, 9, Double.NaN,
            Double.NaN, 1, 2, 3,
        }, 5, 4, dtype);
        int[] out = new int[6];
        out[5] = 42;
        be.argmaxRows(a, out);
        assertArrayEquals(new int[] {1, 0, 1, 1, 0, 42}, out);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherRows(DType dtype) {
        Tensor src = be.fromArray(new double[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2, dtype);
        Tensor out = be.zeros(3, 2, dtype);
        be.gatherRows(src, new int[] {9, 3, 0, 3, 2}, 1, out);
        assertArrayEquals(new double[] {30, 31, 0, 1, 30, 31}, out.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesDefinition(UnaryOp op) {
        for (DType dtype : DType.values()) {
            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
            Tensor x = random(9, 13, dtype, op.ordinal(), positive ? 0.01 : -20, 20);
            if (!positive) {
                // Include 0 (ReLU's kink) and values either side of it.
                double[] edge = stored(x);
                edge[0] = 0;
                edge[1] = 1e-3;
                edge[2] = -1e-3;
                be.copyFrom(edge, x);
            }
            double[] xs = stored(x);
            double[] expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expected[i] = op.apply(xs[i]);
            }
            Tensor y = be.zeros(9, 13, dtype);
            be.unary(op, x, y);
            assertClose(expected, y.toDoubleArray(), 4 * tol(dtype));

            // Backward from the values the forward produced, with an independent upstream gradient.
            Tensor dy = random(9, 13, dtype, 99, -2, 2);
            double[] ys = stored(y);
            double[] dys = stored(dy);
            double[] expectedDx = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expectedDx[i] = dys[i] * op.derivative(xs[i], ys[i]);
            }
            Tensor dx = be.zeros(9, 13, dtype);
            be.unaryBackward(op, x, y, dy, dx);
            assertClose(expectedDx, dx.toDoubleArray(), 8 * tol(dtype));
            be.unaryBackward(op, x, y, dy, dy); // dx may be dy
            assertClose(expectedDx, dy.toDoubleArray(), 8 * tol(dtype));

            be.unary(op, x, x); // in place
            assertClose(expected, x.toDoubleArray(), 4 * tol(dtype));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("ReLU and its derivative at exactly 0 are 0")
    void reluAtZero(DType dtype) {
        Tensor x = be.fromArray(new double[] {-1, 0, 2}, 1, 3, dtype);
        Tensor y = be.zeros(1, 3, dtype);
        be.unary(UnaryOp.RELU, x, y);
        assertArrayEquals(new double[] {0, 0, 2}, y.toDoubleArray());
        Tensor dy = be.fromArray(new double[] {5, 5, 5}, 1, 3, dtype);
        Tensor dx = be.zeros(1, 3, dtype);
        be.unaryBackward(UnaryOp.RELU, x, y, dy, dx);
        assertArrayEquals(new double[] {0, 0, 5}, dx.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("sigmoid saturates without overflow at large |x|")
    void sigmoidSaturates(DType dtype) {
        Tensor x = be.fromArray(new double[] {-1000, 1000, 0}, 1, 3, dtype);
        be.unary(UnaryOp.SIGMOID, x, x);
        assertArrayEquals(new double[] {0, 1, 0.5}, x.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesDefinition(BinaryOp op) {
        for (DType dtype : DType.values()) {
            Tensor a = random(6, 5, dtype, 1, -3, 3);
            Tensor b = random(6, 5, dtype, 2, 0.5, 3);
            double[] as = stored(a);
            double[] bs = stored(b);
            double[] expected = new double[as.length];
            for (int i = 0; i < as.length; i++) {
                expected[i] = op.apply(as[i], bs[i]);
            }
            Tensor out = be.zeros(6, 5, dtype);
            be.binary(op, a, b, out);
            assertClose(expected, out.toDoubleArray(), tol(dtype));
            be.binary(op, a, b, b); // out may be b
            assertClose(expected, b.toDoubleArray(), tol(dtype));
        }
    }

    @Test
    void tensorsReportTheirBackend() {
        Tensor t = be.zeros(2, 3);
        assertSame(be, t.backend());
        assertEquals(DType.FLOAT32, t.dtype());
        assertEquals("ojalgo float32 tensor [2, 3]", t.toString());
    }
}
