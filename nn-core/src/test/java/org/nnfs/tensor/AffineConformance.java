package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "affine, scale and axpy are the BLAS-1 style updates"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class AffineConformance extends ConformanceGroup {
    AffineConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("affine(a, alpha, beta, out) = alpha·a + beta, also in place")
    void affine(DType dtype, Shape s) {
        double[] a = uniform(random("affine", dtype, s), s.size(), -5, 5, dtype);
        double alpha = -1.5;
        double beta = 0.25;
        double[] expected = Reference.affine(a, alpha, beta);
        double[] scale = Reference.affine(Reference.abs(a), Math.abs(alpha), Math.abs(beta));
        Tensor ta = tensor(a, s, dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.affine(ta, alpha, beta, out);
        assertClose("affine", expected, scale, out, Tolerance.of(dtype));
        assertUnchanged("affine a", a, ta);
        backend.affine(ta, alpha, beta, ta);
        assertClose("affine in place", expected, scale, ta, Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("affine with alpha = 0 sets every element to beta")
    void affineAlphaZero(DType dtype) {
        Tensor t = tensor(uniform(random("affine0", dtype), 7 * 13, -5, 5, dtype), 7, 13, dtype);
        backend.affine(t, 0, -0.75, t);
        assertExactly("affine(alpha=0)", Reference.fill(-0.75, 7 * 13), t);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("scale(alpha, a, out) = alpha·a, also in place")
    void scale(DType dtype, Shape s) {
        double[] a = uniform(random("scale", dtype, s), s.size(), -5, 5, dtype);
        double[] expected = Reference.scale(-0.3, a);
        Tensor ta = tensor(a, s, dtype);
        Tensor out = nanTensor(s.rows(), s.cols(), dtype);
        backend.scale(-0.3, ta, out);
        assertClose("scale", expected, null, out, Tolerance.of(dtype));
        assertUnchanged("scale a", a, ta);
        backend.scale(-0.3, ta, ta);
        assertClose("scale in place", expected, null, ta, Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("axpy(alpha, x, y): y = alpha·x + y")
    void axpy(DType dtype, Shape s) {
        SplittableRandom rnd = random("axpy", dtype, s);
        double[] x = uniform(rnd, s.size(), -5, 5, dtype);
        double[] y = uniform(rnd, s.size(), -5, 5, dtype);
        Tensor tx = tensor(x, s, dtype);
        Tensor ty = tensor(y, s, dtype);
        backend.axpy(-0.5, tx, ty);
        assertClose("axpy", Reference.axpy(-0.5, x, y), Reference.axpy(0.5, Reference.abs(x), Reference.abs(y)),
                ty, Tolerance.of(dtype));
        assertUnchanged("axpy x", x, tx);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("axpy with x == y gives (alpha + 1)·y; alpha = 0 leaves y exactly")
    void axpyAliasedAndZero(DType dtype) {
        double[] y = uniform(random("axpyAliased", dtype), 7 * 13, -5, 5, dtype);
        Tensor ty = tensor(y, 7, 13, dtype);
        backend.axpy(0, tensor(uniform(random("axpyZero", dtype), 7 * 13, -5, 5, dtype), 7, 13, dtype), ty);
        assertExactly("axpy(alpha=0)", y, ty);
        backend.axpy(2, ty, ty);
        assertClose("axpy(2, y, y)", Reference.axpy(2, y, y), null, ty, Tolerance.of(dtype));
    }
}
