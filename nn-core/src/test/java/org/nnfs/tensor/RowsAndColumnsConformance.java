package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "addRowVector adds a bias row to every row; sumColumns sums each column"; declared
 * in {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class RowsAndColumnsConformance extends ConformanceGroup {
    RowsAndColumnsConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("addRowVector(a, row, out)")
    void addRowVector(DType dtype, Shape s) {
        SplittableRandom rnd = random("addRowVector", dtype, s);
        double[] a = uniform(rnd, s.size(), -5, 5, dtype);
        double[] row = uniform(rnd, s.cols(), -5, 5, dtype);
        Tensor ta = tensor(a, s, dtype);
        Tensor tr = tensor(row, 1, s.cols(), dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.addRowVector(ta, tr, out);
        assertClose("addRowVector", Reference.addRowVector(a, s.rows(), s.cols(), row),
                Reference.addRowVector(Reference.abs(a), s.rows(), s.cols(), Reference.abs(row)), out,
                Tolerance.of(dtype));
        assertUnchanged("addRowVector a", a, ta);
        assertUnchanged("addRowVector row", row, tr);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("addRowVector in place (out == a)")
    void addRowVectorInPlace(DType dtype, Shape s) {
        SplittableRandom rnd = random("addRowVectorInPlace", dtype, s);
        double[] a = uniform(rnd, s.size(), -5, 5, dtype);
        double[] row = uniform(rnd, s.cols(), -5, 5, dtype);
        Tensor ta = tensor(a, s, dtype);
        backend.addRowVector(ta, tensor(row, 1, s.cols(), dtype), ta);
        assertClose("addRowVector in place", Reference.addRowVector(a, s.rows(), s.cols(), row),
                Reference.addRowVector(Reference.abs(a), s.rows(), s.cols(), Reference.abs(row)), ta,
                Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("sumColumns(a, out) overwrites out with the column sums")
    void sumColumns(DType dtype, Shape s) {
        SplittableRandom rnd = random("sumColumns", dtype, s);
        double[] a = uniform(rnd, s.size(), -5, 5, dtype);
        Tensor ta = tensor(a, s, dtype);
        Tensor out = nanTensor(1, s.cols(), dtype);
        backend.sumColumns(ta, out);
        assertClose("sumColumns", Reference.sumColumns(a, s.rows(), s.cols()),
                Reference.sumColumns(Reference.abs(a), s.rows(), s.cols()), out, Tolerance.of(dtype));
        assertUnchanged("sumColumns a", a, ta);
    }
}
