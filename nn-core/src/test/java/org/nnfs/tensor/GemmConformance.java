package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "gemm computes C = alpha·op(A)·op(B) + beta·C"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class GemmConformance extends ConformanceGroup {
    GemmConformance(BackendConformanceTest suite) {
        super(suite);
    }

    static Stream<Arguments> gemmShapes() {
        // m, k, n: scalar, dot product, outer product, row·matrix, matrix·column, odd rectangle.
        int[][] mkn = {{1, 1, 1}, {1, 13, 1}, {13, 1, 7}, {1, 7, 13}, {13, 7, 1}, {7, 13, 5}, {5, 1, 1}};
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int[] s : mkn) {
                        out.add(Arguments.of(d, ta, tb, s[0], s[1], s[2]));
                    }
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> gemmScalars() {
        double[][] alphaBeta = {{1, 1}, {0.5, -2}, {-1.25, 0.75}, {2, 0}, {0, 1}, {0, 0}, {0, -0.5}};
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            transposes().forEach(t -> {
                for (double[] ab : alphaBeta) {
                    out.add(Arguments.of(d, t.get()[0], t.get()[1], ab[0], ab[1]));
                }
            });
        }
        return out.stream();
    }

    /**
     * Runs {@code C = alpha·op(A)·op(B) + beta·C} on random data with {@code op(A)} of shape m×k and
     * {@code op(B)} of shape k×n, and checks C against the oracle and that A and B are untouched.
     * With {@code beta == 0} C starts as NaN, which must not leak into the result.
     */
    private void checkGemm(String label, DType dtype, boolean ta, boolean tb, int m, int k, int n,
                           double alpha, double beta, double lo, double hi) {
        SplittableRandom rnd = random(label, dtype, ta, tb, m, k, n, alpha, beta);
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        double[] a = uniform(rnd, aRows * aCols, lo, hi, dtype);
        double[] b = uniform(rnd, bRows * bCols, lo, hi, dtype);
        double[] c = beta == 0 ? Reference.fill(Double.NaN, m * n) : uniform(rnd, m * n, -1, 1, dtype);
        Tensor ta0 = tensor(a, aRows, aCols, dtype);
        Tensor tb0 = tensor(b, bRows, bCols, dtype);
        Tensor tc0 = tensor(c, m, n, dtype);

        backend.gemm(ta, tb, alpha, ta0, tb0, beta, tc0);

        double[] expected = Reference.gemm(ta, tb, alpha, a, aRows, aCols, b, bRows, bCols, beta, c);
        double[] scale = Reference.gemm(ta, tb, Math.abs(alpha), Reference.abs(a), aRows, aCols,
                Reference.abs(b), bRows, bCols, Math.abs(beta), Reference.abs(c));
        String op = String.format(java.util.Locale.ROOT, "%s gemm(transA=%s, transB=%s, alpha=%s, beta=%s)",
                label, ta, tb, alpha, beta);
        assertClose(op, expected, scale, tc0, Tolerance.of(dtype));
        assertUnchanged(op + " A", a, ta0);
        assertUnchanged(op + " B", b, tb0);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} m={3} k={4} n={5}")
    @MethodSource("gemmShapes")
    @DisplayName("all four transposes on degenerate and odd shapes; beta = 0 ignores NaN in C")
    void shapes(DType dtype, boolean ta, boolean tb, int m, int k, int n) {
        checkGemm("shapes", dtype, ta, tb, m, k, n, 1.5, 0, -1, 1);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} alpha={3} beta={4}")
    @MethodSource("gemmScalars")
    @DisplayName("alpha and beta scale the product and the old C")
    void scalars(DType dtype, boolean ta, boolean tb, double alpha, double beta) {
        checkGemm("scalars", dtype, ta, tb, 7, 13, 5, alpha, beta, -1, 1);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("dtypesAndTransposes")
    @DisplayName("513×785 times 785×31 in all four transposes")
    void large(DType dtype, boolean ta, boolean tb) {
        checkGemm("large", dtype, ta, tb, 513, 785, 31, 1, 0, -1, 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("the three products of an MLP layer: Z = X·W, dW = Xᵀ·dZ, dX = dZ·Wᵀ (512 × 784 → 100)")
    void mlpShapes(DType dtype) {
        SplittableRandom rnd = random("mlp", dtype);
        int batch = 512;
        int in = 784;
        int out = 100;
        double[] x = uniform(rnd, batch * in, 0, 1, dtype);
        double[] w = uniform(rnd, in * out, -0.1, 0.1, dtype);
        double[] dz = uniform(rnd, batch * out, -1, 1, dtype);
        Tensor tx = tensor(x, batch, in, dtype);
        Tensor tw = tensor(w, in, out, dtype);
        Tensor tdz = tensor(dz, batch, out, dtype);
        Tolerance tol = Tolerance.of(dtype);
        double[] ax = Reference.abs(x);
        double[] aw = Reference.abs(w);
        double[] adz = Reference.abs(dz);

        Tensor z = nanTensor(batch, out, dtype);
        backend.gemm(false, false, 1, tx, tw, 0, z);
        assertClose("Z = X·W", Reference.gemm(false, false, 1, x, batch, in, w, in, out, 0, null),
                Reference.gemm(false, false, 1, ax, batch, in, aw, in, out, 0, null), z, tol);

        Tensor dw = nanTensor(in, out, dtype);
        backend.gemm(true, false, 1.0 / batch, tx, tdz, 0, dw);
        assertClose("dW = Xᵀ·dZ / batch", Reference.gemm(true, false, 1.0 / batch, x, batch, in, dz, batch, out, 0, null),
                Reference.gemm(true, false, 1.0 / batch, ax, batch, in, adz, batch, out, 0, null), dw, tol);

        Tensor dx = nanTensor(batch, in, dtype);
        backend.gemm(false, true, 1, tdz, tw, 0, dx);
        assertClose("dX = dZ·Wᵀ", Reference.gemm(false, true, 1, dz, batch, out, w, in, out, 0, null),
                Reference.gemm(false, true, 1, adz, batch, out, aw, in, out, 0, null), dx, tol);

        assertUnchanged("X", x, tx);
        assertUnchanged("W", w, tw);
        assertUnchanged("dZ", dz, tdz);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("dtypesAndTransposes")
    @DisplayName("beta = 1 accumulates: two calls add the product twice")
    void accumulate(DType dtype, boolean ta, boolean tb) {
        SplittableRandom rnd = random("accumulate", dtype, ta, tb);
        double[] a = uniform(rnd, 7 * 7, -1, 1, dtype);
        double[] b = uniform(rnd, 7 * 7, -1, 1, dtype);
        double[] c = uniform(rnd, 7 * 7, -1, 1, dtype);
        Tensor tc = tensor(c, 7, 7, dtype);
        Tensor tA = tensor(a, 7, 7, dtype);
        Tensor tB = tensor(b, 7, 7, dtype);
        backend.gemm(ta, tb, 1, tA, tB, 1, tc);
        backend.gemm(ta, tb, 1, tA, tB, 1, tc);
        double[] expected = Reference.gemm(ta, tb, 2, a, 7, 7, b, 7, 7, 1, c);
        double[] scale = Reference.gemm(ta, tb, 2, Reference.abs(a), 7, 7, Reference.abs(b), 7, 7, 1,
                Reference.abs(c));
        assertClose("C += A·B twice", expected, scale, tc, Tolerance.of(dtype).times(2));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("alpha = 0 and beta = 1 leaves C exactly as it was")
    void alphaZeroKeepsC(DType dtype) {
        SplittableRandom rnd = random("alphaZero", dtype);
        double[] c = uniform(rnd, 7 * 5, -1, 1, dtype);
        Tensor tc = tensor(c, 7, 5, dtype);
        backend.gemm(false, false, 0, tensor(uniform(rnd, 7 * 13, -1, 1, dtype), 7, 13, dtype),
                tensor(uniform(rnd, 13 * 5, -1, 1, dtype), 13, 5, dtype), 1, tc);
        assertExactly("gemm(alpha=0, beta=1)", c, tc);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("alpha = 0 and beta = 0 zeroes C even when C held NaN")
    void alphaAndBetaZero(DType dtype) {
        SplittableRandom rnd = random("alphaBetaZero", dtype);
        Tensor tc = nanTensor(7, 5, dtype);
        backend.gemm(true, true, 0, tensor(uniform(rnd, 13 * 7, -1, 1, dtype), 13, 7, dtype),
                tensor(uniform(rnd, 5 * 13, -1, 1, dtype), 5, 13, dtype), 0, tc);
        assertExactly("gemm(alpha=0, beta=0)", new double[7 * 5], tc);
    }
}
