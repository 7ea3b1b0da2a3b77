package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The oracle itself, checked on examples small enough to work out by hand. */
class ReferenceTest {
    private static final double[] A = {1, 2, 3, 4, 5, 6};        // 2×3
    private static final double[] A_T = {1, 4, 2, 5, 3, 6};      // its transpose, 3×2
    private static final double[] B = {7, 8, 9, 10, 11, 12};     // 3×2
    private static final double[] B_T = {7, 9, 11, 8, 10, 12};   // its transpose, 2×3
    private static final double[] AB = {58, 64, 139, 154};       // A·B, 2×2

    @Test
    @DisplayName("gemm: the four transposes of a 2×3 by 3×2 product")
    void gemmTransposes() {
        assertArrayEquals(AB, Reference.gemm(false, false, 1, A, 2, 3, B, 3, 2, 0, null));
        assertArrayEquals(AB, Reference.gemm(true, false, 1, A_T, 3, 2, B, 3, 2, 0, null));
        assertArrayEquals(AB, Reference.gemm(false, true, 1, A, 2, 3, B_T, 2, 3, 0, null));
        assertArrayEquals(AB, Reference.gemm(true, true, 1, A_T, 3, 2, B_T, 2, 3, 0, null));
    }

    @Test
    @DisplayName("gemm: alpha and beta; beta = 0 ignores NaN in C")
    void gemmScalars() {
        double[] c = {1, 1, 1, 1};
        assertArrayEquals(new double[] {115, 127, 277, 307},
                Reference.gemm(false, false, 2, A, 2, 3, B, 3, 2, -1, c));
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        assertArrayEquals(AB, Reference.gemm(false, false, 1, A, 2, 3, B, 3, 2, 0, nan));
        assertArrayEquals(c, Reference.gemm(false, false, 0, A, 2, 3, B, 3, 2, 1, c));
        assertArrayEquals(new double[] {1, 1, 1, 1}, c, "arguments are not modified");
    }

    @Test
    @DisplayName("rows and columns: addRowVector, sumColumns, transpose, gatherRows")
    void rowsAndColumns() {
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, Reference.addRowVector(A, 2, 3, new double[] {10, 20, 30}));
        assertArrayEquals(new double[] {5, 7, 9}, Reference.sumColumns(A, 2, 3));
        assertArrayEquals(A_T, Reference.transpose(A, 2, 3));
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3, 4, 5, 6},
                Reference.gatherRows(A, 3, new int[] {9, 1, 0, 1, 9}, 1, 3));
    }

    @Test
    @DisplayName("softmax: [0, ln 3] is [1/4, 3/4]; [1000, 1001] is [1/(1+e), e/(1+e)]")
    void softmax() {
        double[] p = Reference.softmaxRows(new double[] {0, Math.log(3), 1000, 1001}, 2, 2);
        double e = Math.E;
        double[] expected = {0.25, 0.75, 1 / (1 + e), e / (1 + e)};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], p[i], 1e-15, "element " + i);
        }
    }

    @Test
    @DisplayName("argmax: first on ties, negatives compared by value")
    void argmax() {
        assertArrayEquals(new int[] {1, 0, 2}, Reference.argmaxRows(new double[] {1, 3, 3, 2, 2, 2, -5, 1, 2}, 3, 3));
    }

    @Test
    @DisplayName("element-wise: unary, unaryBackward (relu'(0) = 0), binary, affine, scale, axpy")
    void elementwise() {
        double[] x = {-1, 0, 2};
        assertArrayEquals(new double[] {0, 0, 2}, Reference.unary(UnaryOp.RELU, x));
        assertArrayEquals(new double[] {0, 0, 5},
                Reference.unaryBackward(UnaryOp.RELU, x, Reference.unary(UnaryOp.RELU, x), new double[] {5, 5, 5}));
        assertArrayEquals(new double[] {1, 0, 4}, Reference.unary(UnaryOp.SQUARE, x));
        assertArrayEquals(new double[] {-0.5, 0, 2}, Reference.binary(BinaryOp.DIV, x, new double[] {2, 1, 1}));
        assertArrayEquals(new double[] {-1, 1, 5}, Reference.affine(x, 2, 1));
        assertArrayEquals(new double[] {3, -1.5, -6}, Reference.scale(-3, new double[] {-1, 0.5, 2}));
        assertArrayEquals(new double[] {-1, 1, 5}, Reference.axpy(2, x, new double[] {1, 1, 1}));
        assertArrayEquals(new double[] {0.5f, 0.1f}, Reference.roundToFloat(new double[] {0.5, 0.1}));
    }
}
