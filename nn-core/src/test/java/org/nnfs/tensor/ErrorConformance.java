package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnfs.tensor.TensorAssertions.assertRejected;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "Mismatched operands are rejected, naming the operation and shapes, before
 * anything is written"; declared in {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class ErrorConformance extends ConformanceGroup {
    private static final DType F32 = DType.FLOAT32;

    ErrorConformance(BackendConformanceTest suite) {
        super(suite);
    }

    /** Asserts the rejection and that none of {@code watched} changed. */
    private void rejected(Class<? extends Throwable> type, String op, Executable call, List<Tensor> watched,
                          String... mentions) {
        List<double[]> before = new ArrayList<>();
        for (Tensor t : watched) {
            before.add(t.toDoubleArray());
        }
        assertRejected(type, op, call, mentions);
        for (int i = 0; i < watched.size(); i++) {
            assertUnchanged(op, before.get(i), watched.get(i));
        }
    }

    private void mismatch(String op, Executable call, Tensor watched, String... mentions) {
        rejected(TensorMismatchException.class, op, call, List.of(watched), mentions);
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    @DisplayName("gemm: inner dimensions differ")
    void gemmInner(boolean ta, boolean tb) {
        // op(A) is 3×4 and op(B) is 6×5.
        Tensor a = distinct(ta ? 4 : 3, ta ? 3 : 4, F32);
        Tensor b = distinct(tb ? 5 : 6, tb ? 6 : 5, F32);
        Tensor c = distinct(3, 5, F32);
        mismatch("gemm", () -> backend.gemm(ta, tb, 1, a, b, 0, c), c,
                "inner dimensions", a.shape(), b.shape(), c.shape(), "transA=" + ta, "transB=" + tb);
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    @DisplayName("gemm: C has the wrong shape")
    void gemmWrongC(boolean ta, boolean tb) {
        Tensor a = distinct(ta ? 4 : 3, ta ? 3 : 4, F32);
        Tensor b = distinct(tb ? 5 : 4, tb ? 4 : 5, F32);
        for (Tensor c : List.of(distinct(5, 3, F32), distinct(3, 6, F32), distinct(1, 1, F32))) {
            mismatch("gemm", () -> backend.gemm(ta, tb, 1, a, b, 0, c), c,
                    "[3, 5]", a.shape(), b.shape(), c.shape());
        }
    }

    @Test
    @DisplayName("gemm: C may not be A or B")
    void gemmAliasing() {
        Tensor a = distinct(4, 4, F32);
        Tensor b = distinct(4, 4, F32);
        mismatch("gemm", () -> backend.gemm(false, false, 1, a, b, 0, a), a, "must not be A or B", "[4, 4]");
        mismatch("gemm", () -> backend.gemm(true, false, 1, a, b, 1, b), b, "must not be A or B", "[4, 4]");
    }

    @Test
    @DisplayName("gemm: element types differ")
    void gemmDTypes() {
        Tensor a64 = distinct(3, 4, DType.FLOAT64);
        Tensor b = distinct(4, 5, F32);
        Tensor c = distinct(3, 5, F32);
        mismatch("gemm", () -> backend.gemm(false, false, 1, a64, b, 0, c), c, "float64", "float32", "[3, 4]");
        Tensor c64 = distinct(3, 5, DType.FLOAT64);
        mismatch("gemm", () -> backend.gemm(false, false, 1, a64, b, 0, c64), c64, "float64", "float32", "[4, 5]");
    }

    @Test
    @DisplayName("gemm: a tensor of another backend instance")
    void gemmForeign() {
        Tensor a = distinct(3, 4, F32);
        Tensor b = distinct(4, 5, F32);
        Tensor c = distinct(3, 5, F32);
        Tensor foreignA = foreign.zeros(3, 4, F32);
        Tensor foreignC = foreign.fromArray(new double[15], 3, 5, F32);
        String[] names = {"'" + foreign.name() + "'", "'" + backend.name() + "'"};
        rejected(TensorMismatchException.class, "gemm", () -> backend.gemm(false, false, 1, foreignA, b, 0, c),
                List.of(c), "A [3, 4] belongs to backend", names[0], names[1]);
        rejected(TensorMismatchException.class, "gemm", () -> backend.gemm(false, false, 1, a, b, 0, foreignC),
                List.of(foreignC), "C [3, 5] belongs to backend", names[0], names[1]);
    }

    @Test
    @DisplayName("gemm: null operands")
    void gemmNull() {
        Tensor a = distinct(3, 4, F32);
        Tensor b = distinct(4, 5, F32);
        Tensor c = distinct(3, 5, F32);
        rejected(NullPointerException.class, "gemm", () -> backend.gemm(false, false, 1, null, b, 0, c),
                List.of(c), "A");
        rejected(NullPointerException.class, "gemm", () -> backend.gemm(false, false, 1, a, null, 0, c),
                List.of(c), "B");
        assertRejected(NullPointerException.class, "gemm", () -> backend.gemm(false, false, 1, a, b, 0, null), "C");
    }

    @Test
    @DisplayName("addRowVector: row of the wrong shape or type, out of the wrong shape")
    void addRowVector() {
        Tensor a = distinct(7, 13, F32);
        Tensor out = distinct(7, 13, F32);
        for (Tensor row : List.of(distinct(2, 13, F32), distinct(1, 14, F32), distinct(13, 1, F32))) {
            mismatch("addRowVector", () -> backend.addRowVector(a, row, out), out, "[1, 13]", a.shape(), row.shape());
        }
        Tensor row64 = distinct(1, 13, DType.FLOAT64);
        mismatch("addRowVector", () -> backend.addRowVector(a, row64, out), out, "float64", "[1, 13]");
        Tensor wrongOut = distinct(13, 7, F32);
        mismatch("addRowVector", () -> backend.addRowVector(a, distinct(1, 13, F32), wrongOut), wrongOut,
                a.shape(), wrongOut.shape());
        Tensor foreignRow = foreign.zeros(1, 13, F32);
        mismatch("addRowVector", () -> backend.addRowVector(a, foreignRow, out), out, "row [1, 13]",
                "belongs to backend");
    }

    @Test
    @DisplayName("sumColumns: out of the wrong shape or type")
    void sumColumns() {
        Tensor a = distinct(7, 13, F32);
        for (Tensor out : List.of(distinct(1, 14, F32), distinct(2, 13, F32), distinct(1, 7, F32))) {
            mismatch("sumColumns", () -> backend.sumColumns(a, out), out, "[1, 13]", a.shape(), out.shape());
        }
        Tensor out64 = distinct(1, 13, DType.FLOAT64);
        mismatch("sumColumns", () -> backend.sumColumns(a, out64), out64, "float64", "float32");
    }

    @Test
    @DisplayName("softmaxRows: out of another shape or type")
    void softmaxRows() {
        Tensor a = distinct(7, 13, F32);
        Tensor out = distinct(13, 7, F32);
        mismatch("softmaxRows", () -> backend.softmaxRows(a, out), out, a.shape(), out.shape());
        Tensor out64 = distinct(7, 13, DType.FLOAT64);
        mismatch("softmaxRows", () -> backend.softmaxRows(a, out64), out64, "float64", "float32");
    }

    @Test
    @DisplayName("argmaxRows: out array too short or null")
    void argmaxRows() {
        Tensor a = distinct(7, 13, F32);
        int[] out = {-3, -3, -3, -3, -3, -3};
        assertRejected(TensorMismatchException.class, "argmaxRows", () -> backend.argmaxRows(a, out),
                "length 6", a.shape());
        assertArrayEquals(new int[] {-3, -3, -3, -3, -3, -3}, out, "argmaxRows wrote to a too short array");
        assertRejected(NullPointerException.class, "argmaxRows", () -> backend.argmaxRows(a, null));
    }

    @Test
    @DisplayName("gatherRows: index out of range, too few indices, negative offset, out == src, columns differ")
    void gatherRows() {
        Tensor src = distinct(5, 3, F32);
        Tensor out = distinct(4, 3, F32);
        List<Tensor> both = List.of(src, out);
        Class<TensorMismatchException> tme = TensorMismatchException.class;
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 5, 2}, 0, out), both,
                "index 5", "position 2", src.shape());
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {9, 0, 1, -1, 2}, 1, out), both,
                "index -1", "position 3", src.shape());
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2}, 0, out), both,
                "need 4 indices", "length 3", out.shape());
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2, 3, 4}, 2, out), both,
                "need 4 indices", "offset 2", out.shape());
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2, 3}, -1, out), both,
                "offset -1", out.shape());
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2, 3, 4}, 0, src), both,
                "must be different");
        Tensor wide = distinct(4, 4, F32);
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2, 3}, 0, wide),
                List.of(src, wide), "column counts differ", src.shape(), wide.shape());
        Tensor out64 = distinct(4, 3, DType.FLOAT64);
        rejected(tme, "gatherRows", () -> backend.gatherRows(src, new int[] {0, 1, 2, 3}, 0, out64),
                List.of(src, out64), "float64", "float32");
        rejected(NullPointerException.class, "gatherRows", () -> backend.gatherRows(src, null, 0, out), both);
    }

    @Test
    @DisplayName("copyFrom: array too short, offset out of range, null array")
    void copyFrom() {
        Tensor t = distinct(3, 4, F32);
        String op = "copyFrom";
        mismatch(op, () -> backend.copyFrom(new float[11], t), t, "length 11", "[3, 4]", "12 elements");
        mismatch(op, () -> backend.copyFrom(new double[11], t), t, "length 11", "[3, 4]");
        mismatch(op, () -> backend.copyFrom(new double[20], 9, t), t, "offset 9", "[3, 4]");
        mismatch(op, () -> backend.copyFrom(new float[20], -1, t), t, "offset -1", "[3, 4]");
        mismatch(op, () -> backend.copyFrom(new double[20], 21, t), t, "offset 21", "[3, 4]");
        rejected(NullPointerException.class, op, () -> backend.copyFrom((float[]) null, t), List.of(t));
        rejected(NullPointerException.class, op, () -> backend.copyFrom((double[]) null, 0, t), List.of(t));
        Tensor foreignT = foreign.fromArray(new double[12], 3, 4, F32);
        mismatch(op, () -> backend.copyFrom(new double[12], foreignT), foreignT, "belongs to backend");
    }

    @Test
    @DisplayName("copyRowsFrom: rows outside the tensor, array too short, null array")
    void copyRowsFrom() {
        Tensor t = distinct(3, 4, F32);
        String op = "copyRowsFrom";
        mismatch(op, () -> backend.copyRowsFrom(new float[8], 0, t, 2, 2), t, "rows 2 to 3", "[3, 4]");
        mismatch(op, () -> backend.copyRowsFrom(new float[8], 0, t, -1, 1), t, "rows -1 to -1", "[3, 4]");
        mismatch(op, () -> backend.copyRowsFrom(new double[8], 0, t, 0, 0), t, "rows 0 to -1", "[3, 4]");
        mismatch(op, () -> backend.copyRowsFrom(new float[7], 0, t, 1, 2), t, "length 7", "2 rows of 4 values");
        mismatch(op, () -> backend.copyRowsFrom(new double[12], 5, t, 0, 2), t, "offset 5", "2 rows of 4 values");
        mismatch(op, () -> backend.copyRowsFrom(new float[12], -1, t, 0, 1), t, "offset -1");
        rejected(NullPointerException.class, op, () -> backend.copyRowsFrom((float[]) null, 0, t, 0, 1), List.of(t));
        rejected(NullPointerException.class, op, () -> backend.copyRowsFrom((double[]) null, 0, t, 0, 1), List.of(t));
        Tensor foreignT = foreign.fromArray(new double[12], 3, 4, F32);
        mismatch(op, () -> backend.copyRowsFrom(new double[4], 0, foreignT, 0, 1), foreignT, "belongs to backend");
    }

    @Test
    @DisplayName("copyTo: array too short, without writing to it")
    void copyTo() {
        Tensor t = distinct(3, 4, F32);
        float[] floats = new float[11];
        Arrays.fill(floats, -1);
        assertRejected(TensorMismatchException.class, "copyTo", () -> backend.copyTo(t, floats), "length 11", "[3, 4]");
        for (float f : floats) {
            assertEquals(-1, f, "copyTo wrote to a too short array");
        }
        double[] doubles = new double[11];
        assertRejected(TensorMismatchException.class, "copyTo", () -> backend.copyTo(t, doubles), "length 11", "[3, 4]");
        assertArrayEquals(new double[11], doubles, "copyTo wrote to a too short array");
        assertRejected(NullPointerException.class, "copyTo", () -> backend.copyTo(t, (double[]) null));
    }

    @Test
    @DisplayName("fromArray: the array length is not rows × cols")
    void fromArray() {
        assertRejected(TensorMismatchException.class, "fromArray",
                () -> backend.fromArray(new double[11], 3, 4, F32), "11 values", "[3, 4]");
        assertRejected(TensorMismatchException.class, "fromArray",
                () -> backend.fromArray(new float[13], 3, 4, DType.FLOAT64), "13 values", "[3, 4]");
    }

    @Test
    @DisplayName("zeros: dimensions below 1, null element type")
    void zeros() {
        assertRejected(TensorMismatchException.class, "zeros", () -> backend.zeros(0, 3), "[0, 3]");
        assertRejected(TensorMismatchException.class, "zeros", () -> backend.zeros(3, 0, DType.FLOAT64), "[3, 0]");
        assertRejected(TensorMismatchException.class, "zeros", () -> backend.zeros(-2, 5, F32), "[-2, 5]");
        assertRejected(TensorMismatchException.class, "zeros", () -> backend.zeros(2, -1, F32), "[2, -1]");
        assertRejected(IllegalArgumentException.class, "zeros", () -> backend.zeros(0, 0, F32));
        assertRejected(NullPointerException.class, "zeros", () -> backend.zeros(2, 2, null), "dtype");
    }

    @Test
    @DisplayName("element-wise operations: shapes differ")
    void elementwiseShapes() {
        Tensor a = distinct(7, 13, F32);
        Tensor b = distinct(7, 13, F32);
        Tensor other = distinct(13, 7, F32);
        String s = a.shape();
        String o = other.shape();
        mismatch("unary RELU", () -> backend.unary(UnaryOp.RELU, a, other), other, s, o);
        mismatch("unaryBackward TANH", () -> backend.unaryBackward(UnaryOp.TANH, a, other, b, b), b, s, o);
        mismatch("unaryBackward TANH", () -> backend.unaryBackward(UnaryOp.TANH, a, b, other, b), b, s, o);
        mismatch("unaryBackward TANH", () -> backend.unaryBackward(UnaryOp.TANH, a, b, b, other), other, s, o);
        mismatch("binary ADD", () -> backend.binary(BinaryOp.ADD, a, other, b), b, s, o);
        mismatch("binary MUL", () -> backend.binary(BinaryOp.MUL, a, b, other), other, s, o);
        mismatch("affine", () -> backend.affine(a, 2, 1, other), other, s, o);
        mismatch("scale", () -> backend.scale(2, a, other), other, s, o);
        mismatch("axpy", () -> backend.axpy(2, other, b), b, s, o);
        mismatch("copy", () -> backend.copy(a, other), other, s, o);
        mismatch("softmaxRows", () -> backend.softmaxRows(other, a), a, s, o);
    }

    @Test
    @DisplayName("element-wise operations: element types differ")
    void elementwiseDTypes() {
        Tensor a = distinct(7, 13, F32);
        Tensor b64 = distinct(7, 13, DType.FLOAT64);
        mismatch("unary EXP", () -> backend.unary(UnaryOp.EXP, a, b64), b64, "float32", "float64");
        mismatch("binary SUB", () -> backend.binary(BinaryOp.SUB, a, a, b64), b64, "float32", "float64");
        mismatch("binary SUB", () -> backend.binary(BinaryOp.SUB, a, b64, a), a, "float32", "float64");
        mismatch("unaryBackward SIGMOID", () -> backend.unaryBackward(UnaryOp.SIGMOID, a, a, b64, a), a,
                "float32", "float64");
        mismatch("affine", () -> backend.affine(a, 1, 0, b64), b64, "float32", "float64");
        mismatch("axpy", () -> backend.axpy(1, b64, a), a, "float32", "float64");
        mismatch("copy", () -> backend.copy(b64, a), a, "float32", "float64");
    }

    @Test
    @DisplayName("element-wise operations, fill and copies: a tensor of another backend instance")
    void elementwiseForeign() {
        Tensor a = distinct(7, 13, F32);
        Tensor f = foreign.fromArray(new double[7 * 13], 7, 13, F32);
        String who = "belongs to backend '" + foreign.name() + "'";
        mismatch("unary SQUARE", () -> backend.unary(UnaryOp.SQUARE, f, a), a, who, "[7, 13]");
        mismatch("binary DIV", () -> backend.binary(BinaryOp.DIV, a, f, a), a, who);
        mismatch("axpy", () -> backend.axpy(1, a, f), f, who);
        mismatch("copy", () -> backend.copy(a, f), f, who);
        mismatch("fill", () -> backend.fill(3, f), f, who);
        mismatch("sumColumns", () -> backend.sumColumns(f, distinct(1, 13, F32)), f, who);
        mismatch("gatherRows", () -> backend.gatherRows(f, new int[] {0}, 0, distinct(1, 13, F32)), f, who);
        assertRejected(TensorMismatchException.class, "argmaxRows", () -> backend.argmaxRows(f, new int[7]), who);
        assertRejected(TensorMismatchException.class, "copyTo", () -> backend.copyTo(f, new float[91]), who);
    }

    @Test
    @DisplayName("null operations and operands")
    void nulls() {
        Tensor a = distinct(2, 2, F32);
        rejected(NullPointerException.class, "unary", () -> backend.unary(null, a, a), List.of(a), "op");
        rejected(NullPointerException.class, "unaryBackward",
                () -> backend.unaryBackward(null, a, a, a, a), List.of(a), "op");
        rejected(NullPointerException.class, "binary", () -> backend.binary(null, a, a, a), List.of(a), "op");
        rejected(NullPointerException.class, "unary RELU", () -> backend.unary(UnaryOp.RELU, a, null),
                List.of(a), "out");
        rejected(NullPointerException.class, "binary ADD", () -> backend.binary(BinaryOp.ADD, a, null, a),
                List.of(a), "b");
        rejected(NullPointerException.class, "affine", () -> backend.affine(null, 1, 0, a), List.of(a), "a");
        rejected(NullPointerException.class, "fill", () -> backend.fill(1, null), List.of(a), "out");
    }
}
