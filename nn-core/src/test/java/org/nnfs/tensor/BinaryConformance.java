package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "binary follows BinaryOp's apply"; declared in {@link BackendConformanceTest},
 * which runs it on every backend.
 */
abstract class BinaryConformance extends ConformanceGroup {
    BinaryConformance(BackendConformanceTest suite) {
        super(suite);
    }

    static Stream<Arguments> binaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType d : DType.values()) {
                for (Shape s : SHAPES) {
                    out.add(Arguments.of(op, d, s));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> binaryOpsAndDTypes() {
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType d : DType.values()) {
                out.add(Arguments.of(op, d));
            }
        }
        return out.stream();
    }

    /** Operands for {@code op}: divisors stay away from zero. */
    private static double[][] binaryOperands(BinaryOp op, SplittableRandom rnd, int n, DType dtype) {
        double[] a = uniform(rnd, n, -3, 3, dtype);
        if (op != BinaryOp.DIV) {
            return new double[][] {a, uniform(rnd, n, -3, 3, dtype)};
        }
        double[] b = uniform(rnd, n, 0.5, 3, dtype);
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextBoolean() ? b[i] : -b[i];
        }
        return new double[][] {a, b};
    }

    /** For sums and differences the rounding is relative to |a| + |b|, not to the result. */
    private static double[] binaryScale(BinaryOp op, double[] a, double[] b) {
        return op == BinaryOp.ADD || op == BinaryOp.SUB
                ? Reference.binary(BinaryOp.ADD, Reference.abs(a), Reference.abs(b)) : null;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    @DisplayName("binary(op, a, b, out) on random data")
    void randomOperands(BinaryOp op, DType dtype, Shape s) {
        double[][] ab = binaryOperands(op, random("binary", op, dtype, s), s.size(), dtype);
        Tensor ta = tensor(ab[0], s, dtype);
        Tensor tb = tensor(ab[1], s, dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.binary(op, ta, tb, out);
        assertClose("binary " + op, Reference.binary(op, ab[0], ab[1]), binaryScale(op, ab[0], ab[1]), out,
                Tolerance.of(dtype));
        assertUnchanged("binary a", ab[0], ta);
        assertUnchanged("binary b", ab[1], tb);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    @DisplayName("binary(op, a, row, out): a [1, cols] row broadcast along the rows")
    void rowVector(BinaryOp op, DType dtype, Shape s) {
        SplittableRandom rnd = random("binaryRowVector", op, dtype, s);
        double[] a = binaryOperands(op, rnd, s.size(), dtype)[0];
        double[] row = binaryOperands(op, rnd, s.cols(), dtype)[1];
        double[] b = Reference.broadcastRow(row, s.rows());
        Tensor ta = tensor(a, s, dtype);
        Tensor tr = tensor(row, 1, s.cols(), dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.binary(op, ta, tr, out);
        assertClose("binary " + op + " row", Reference.binaryRowVector(op, a, s.rows(), s.cols(), row),
                binaryScale(op, a, b), out, Tolerance.of(dtype));
        assertUnchanged("binary row a", a, ta);
        assertUnchanged("binary row", row, tr);
        backend.binary(op, ta, tr, ta);
        assertClose("binary " + op + " row, out == a", Reference.binary(op, a, b), binaryScale(op, a, b), ta,
                Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    @DisplayName("binary(op, a, column, out): a [rows, 1] column broadcast along the columns")
    void columnVector(BinaryOp op, DType dtype, Shape s) {
        SplittableRandom rnd = random("binaryColumnVector", op, dtype, s);
        double[] a = binaryOperands(op, rnd, s.size(), dtype)[0];
        double[] column = binaryOperands(op, rnd, s.rows(), dtype)[1];
        double[] b = Reference.broadcastColumn(column, s.cols());
        Tensor ta = tensor(a, s, dtype);
        Tensor tc = tensor(column, s.rows(), 1, dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.binary(op, ta, tc, out);
        assertClose("binary " + op + " column", Reference.binaryColumnVector(op, a, s.rows(), s.cols(), column),
                binaryScale(op, a, b), out, Tolerance.of(dtype));
        assertUnchanged("binary column a", a, ta);
        assertUnchanged("binary column", column, tc);
        backend.binary(op, ta, tc, ta);
        assertClose("binary " + op + " column, out == a", Reference.binary(op, a, b), binaryScale(op, a, b), ta,
                Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryOpsAndDTypes")
    @DisplayName("in place: out == a, out == b, and a == b == out")
    void inPlace(BinaryOp op, DType dtype) {
        double[][] ab = binaryOperands(op, random("binaryInPlace", op, dtype), 7 * 13, dtype);
        double[] a = ab[0];
        double[] b = ab[1];
        Tolerance tol = Tolerance.of(dtype);
        double[] expected = Reference.binary(op, a, b);
        double[] scale = binaryScale(op, a, b);

        Tensor ta = tensor(a, 7, 13, dtype);
        backend.binary(op, ta, tensor(b, 7, 13, dtype), ta);
        assertClose("binary " + op + " out == a", expected, scale, ta, tol);

        Tensor tb = tensor(b, 7, 13, dtype);
        backend.binary(op, tensor(a, 7, 13, dtype), tb, tb);
        assertClose("binary " + op + " out == b", expected, scale, tb, tol);

        Tensor tbb = tensor(b, 7, 13, dtype);
        backend.binary(op, tbb, tbb, tbb);
        assertClose("binary " + op + " a == b == out", Reference.binary(op, b, b), binaryScale(op, b, b), tbb, tol);
    }
}
