package org.nnfs.backend.ojalgo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;

/**
 * GEMM against nn-core's {@link Reference} oracle (a naive triple loop in double precision), for every
 * transpose case, several alpha/beta pairs, both element types, both thread counts, and shapes below and
 * above ojAlgo's 32-row/column threshold where it switches to its multi-threaded kernels.
 */
class OjAlgoGemmTest {
    static double[] random(Random g, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = g.nextDouble() * 2 - 1;
        }
        return x;
    }

    static Stream<Arguments> cases() {
        // m > n and m <= n (Aᵀ·B picks C or Cᵀ by that), k on both sides of OjAlgoGemm.SHORT_DOT (A·Bᵀ).
        int[][] shapes = {{1, 1, 1}, {3, 4, 5}, {5, 1, 7}, {37, 45, 50}, {48, 32, 40}, {64, 33, 10}, {40, 100, 70}};
        double[][] alphaBeta = {{1, 0}, {0.5, 0}, {1, 1}, {2, -0.5}};
        Stream.Builder<Arguments> all = Stream.builder();
        for (DType dtype : DType.values()) {
            for (int threads : new int[] {1, 2}) {
                for (int[] s : shapes) {
                    for (double[] ab : alphaBeta) {
                        for (int t = 0; t < 4; t++) {
                            all.add(Arguments.of(dtype, threads, s[0], s[1], s[2], t >= 2, t % 2 == 1, ab[0], ab[1]));
                        }
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} threads={1} m={2} k={3} n={4} transA={5} transB={6} alpha={7} beta={8}")
    @MethodSource("cases")
    void matchesTheOracle(DType dtype, int threads, int m, int k, int n, boolean transA, boolean transB,
                           double alpha, double beta) {
        Backend be = new OjAlgoBackendProvider().create(threads);
        Random g = new Random(31L * m + 7L * k + n);
        double[] a = random(g, m * k);
        double[] b = random(g, k * n);
        double[] c0 = random(g, m * n);
        Tensor ta = transA ? be.fromArray(a, k, m, dtype) : be.fromArray(a, m, k, dtype);
        Tensor tb = transB ? be.fromArray(b, n, k, dtype) : be.fromArray(b, k, n, dtype);
        Tensor tc = be.fromArray(c0, m, n, dtype);
        if (beta == 0) {
            be.fill(Double.NaN, tc); // beta = 0 must ignore whatever C holds
        }
        // Values as stored, so the float32 reference starts from the same rounded inputs.
        double[] aq = ta.toDoubleArray();
        double[] bq = tb.toDoubleArray();
        double[] cq = tc.toDoubleArray();

        double[] expected = Reference.gemm(transA, transB, alpha, aq, ta.rows(), ta.cols(), bq, tb.rows(), tb.cols(),
                beta, cq);
        // Twice: the second call reuses any scratch the first allocated.
        for (int rep = 0; rep < 2; rep++) {
            be.copyFrom(cq, tc);
            be.gemm(transA, transB, alpha, ta, tb, beta, tc);
            assertClose(expected, tc.toDoubleArray(), dtype, k);
        }
        assertArrayEquals(aq, ta.toDoubleArray(), "A must be left as it was");
        assertArrayEquals(bq, tb.toDoubleArray(), "B must be left as it was");
    }

    static void assertClose(double[] expected, double[] actual, DType dtype, int k) {
        double tol = dtype == DType.FLOAT32 ? 2e-6 * (k + 4) : 1e-13 * (k + 4);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) {
                throw new AssertionError("element " + i + ": expected " + expected[i] + " but was " + actual[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }

    static Stream<Arguments> mlpShapes() {
        return Stream.of(
                Arguments.of(512, 784, 100, false, false), Arguments.of(512, 200, 10, false, false),
                Arguments.of(784, 512, 100, true, false), Arguments.of(200, 512, 10, true, false),
                Arguments.of(100, 512, 200, true, false), Arguments.of(512, 100, 784, false, true),
                Arguments.of(512, 10, 200, false, true));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4}")
    @MethodSource("mlpShapes")
    @DisplayName("the MNIST MLP's real shapes, on two threads")
    void mlpShapesOnTwoThreads(int m, int k, int n, boolean transA, boolean transB) {
        Backend be = new OjAlgoBackendProvider().create(2);
        Random g = new Random(m + k + n);
        double[] a = random(g, m * k);
        double[] b = random(g, k * n);
        Tensor ta = transA ? be.fromArray(a, k, m, DType.FLOAT32) : be.fromArray(a, m, k, DType.FLOAT32);
        Tensor tb = transB ? be.fromArray(b, n, k, DType.FLOAT32) : be.fromArray(b, k, n, DType.FLOAT32);
        Tensor tc = be.zeros(m, n);
        be.fill(Double.NaN, tc);
        be.gemm(transA, transB, 1, ta, tb, 0, tc);
        double[] expected = Reference.gemm(transA, transB, 1, ta.toDoubleArray(), ta.rows(), ta.cols(),
                tb.toDoubleArray(), tb.rows(), tb.cols(), 0, null);
        assertClose(expected, tc.toDoubleArray(), DType.FLOAT32, k);
    }

    @Test
    @DisplayName("the copy of a short B follows B's shape when one C meets differently shaped operands")
    void transposeScratchFollowsShape() {
        Backend be = new OjAlgoBackendProvider().create(1);
        Tensor c = be.zeros(2, 3, DType.FLOAT64);
        // C[2,3] = A·Bᵀ with k = 4, 5, 4 (all short enough for B to be copied): B is [3,k].
        for (int k : new int[] {4, 5, 4}) {
            Random g = new Random(k);
            double[] a = random(g, 2 * k);
            double[] b = random(g, 3 * k);
            Tensor ta = be.fromArray(a, 2, k, DType.FLOAT64);
            Tensor tb = be.fromArray(b, 3, k, DType.FLOAT64);
            be.gemm(false, true, 1, ta, tb, 0, c);
            assertClose(Reference.gemm(false, true, 1, a, 2, k, b, 3, k, 0, null), c.toDoubleArray(), DType.FLOAT64, k);
        }
    }

    @Test
    @DisplayName("hand-computed 2x2 products in all four transpose cases")
    void handValues() {
        Backend be = new OjAlgoBackendProvider().create(1);
        Tensor a = be.fromArray(new float[] {1, 2, 3, 4}, 2, 2, DType.FLOAT32);
        Tensor b = be.fromArray(new float[] {5, 6, 7, 8}, 2, 2, DType.FLOAT32);
        Tensor c = be.zeros(2, 2);
        be.gemm(false, false, 1, a, b, 0, c);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c.toFloatArray());
        be.gemm(true, false, 1, a, b, 0, c);
        assertArrayEquals(new float[] {26, 30, 38, 44}, c.toFloatArray());
        be.gemm(false, true, 1, a, b, 0, c);
        assertArrayEquals(new float[] {17, 23, 39, 53}, c.toFloatArray());
        be.gemm(true, true, 1, a, b, 0, c);
        assertArrayEquals(new float[] {23, 31, 34, 46}, c.toFloatArray());
        // alpha and beta on top of the last result: 2·(A·B) + 1·C.
        be.gemm(false, false, 2, a, b, 1, c);
        assertArrayEquals(new float[] {61, 75, 120, 146}, c.toFloatArray());
    }
}
