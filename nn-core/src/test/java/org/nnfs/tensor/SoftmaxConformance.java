package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "softmaxRows turns each row into a probability distribution, stably"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class SoftmaxConformance extends ConformanceGroup {
    SoftmaxConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("random logits: matches the oracle and each row sums to 1")
    void randomLogits(DType dtype, Shape s) {
        check(dtype, s, uniform(random("softmax", dtype, s), s.size(), -5, 5, dtype));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("widely spread logits (-30 to 30) lose no precision in the largest terms")
    void spread(DType dtype) {
        Shape s = new Shape(7, 13);
        check(dtype, s, uniform(random("softmaxSpread", dtype), s.size(), -30, 30, dtype));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("large logits (1000, 1001) and all-negative ones (-1000, -1001) give e/(1+e), no NaN")
    void extremeLogits(DType dtype) {
        double e = Math.E;
        double[] logits = {
            1000, 1001,
            -1000, -1001,
            1000, -1000,
            0, 0,
            -1e30, -1e30,
        };
        double[] expected = {
            1 / (1 + e), e / (1 + e),
            e / (1 + e), 1 / (1 + e),
            1, 0,
            0.5, 0.5,
            0.5, 0.5,
        };
        Tensor out = nanTensor(5, 2, dtype);
        backend.softmaxRows(tensor(logits, 5, 2, dtype), out);
        assertClose("softmaxRows of extreme logits", expected, null, out, Tolerance.of(dtype));
        assertRowsSumToOne(out, Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("in place (out == a)")
    void inPlace(DType dtype) {
        Shape s = new Shape(7, 13);
        double[] a = uniform(random("softmaxInPlace", dtype), s.size(), -5, 5, dtype);
        Tensor t = tensor(a, s, dtype);
        backend.softmaxRows(t, t);
        assertClose("softmaxRows in place", Reference.softmaxRows(a, s.rows(), s.cols()), null, t,
                Tolerance.of(dtype));
    }

    private void check(DType dtype, Shape s, double[] a) {
        Tensor ta = tensor(a, s, dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.softmaxRows(ta, out);
        assertClose("softmaxRows", Reference.softmaxRows(a, s.rows(), s.cols()), null, out, Tolerance.of(dtype));
        assertRowsSumToOne(out, Tolerance.of(dtype));
        assertUnchanged("softmaxRows a", a, ta);
    }

    private void assertRowsSumToOne(Tensor p, Tolerance tol) {
        double[] sums = Reference.sumColumns(Reference.transpose(p.toDoubleArray(), p.rows(), p.cols()),
                p.cols(), p.rows());
        // Each probability is within tol of the truth; their errors share the row sum's rounding.
        assertClose("softmaxRows row sums", Reference.fill(1, p.rows()), Reference.fill(2, p.rows()), sums,
                1, tol);
    }
}
