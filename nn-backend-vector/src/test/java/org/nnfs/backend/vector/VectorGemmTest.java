package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.Tolerance;

/**
 * GEMM against the naive triple loop of nn-core's {@link Reference}, at sizes chosen to hit every edge
 * of the blocking: 1, 7, 17, 33 (partial register tiles in rows and columns), 513 and 785 (several
 * k-blocks of {@link FloatGemm#KC}, two column blocks of {@link FloatGemm#NC}, uneven thread slices),
 * in all four transpose cases, both element types, on one and on two threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorGemmTest {
    private static final int[] SIZES = {1, 7, 17, 33, 513, 785};
    /** The naive loop is O(m·n·k); larger triples are covered by the few explicit cases below. */
    private static final long MAX_VOLUME = 5_000_000;

    private final VectorBackend one = new VectorBackend(1);
    private final VectorBackend two = new VectorBackend(2);

    static Stream<Arguments> awkwardSizes() {
        List<Arguments> out = new ArrayList<>();
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    if ((long) m * n * k > MAX_VOLUME) {
                        continue;
                    }
                    for (int t = 0; t < 4; t++) {
                        for (DType d : DType.values()) {
                            out.add(Arguments.of(d, t >= 2, t % 2 == 1, m, k, n));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} m={3} k={4} n={5}")
    @MethodSource("awkwardSizes")
    @DisplayName("awkward sizes, every transpose case, one and two threads; beta = 0 ignores NaN in C")
    void awkwardSizes(DType dtype, boolean ta, boolean tb, int m, int k, int n) {
        check(one, dtype, ta, tb, m, k, n, 1.5, 0);
        check(two, dtype, ta, tb, m, k, n, 1.5, 0);
    }

    static Stream<Arguments> blockEdges() {
        // m, k, n around the register tile (12 rows, 2 vectors), the few-rows path (below 4 rows), the k-block (256)
        // and the column block (512).
        int[][] mkn = {
            {8, 256, 32}, {9, 257, 33}, {16, 512, 64}, {12, 256, 32}, {13, 257, 33}, {24, 512, 64}, {3, 784, 100},
            {4, 100, 50}, {64, 513, 16}, {40, 100, 512}, {40, 100, 513},
            {31, 300, 1030}, {600, 20, 17}, {2, 700, 600}, {512, 784, 100}, {784, 512, 100}, {512, 100, 784},
        };
        double[][] alphaBeta = {{1, 0}, {-0.5, 1}, {2, -0.25}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : mkn) {
            for (int t = 0; t < 4; t++) {
                for (DType d : DType.values()) {
                    for (double[] ab : alphaBeta) {
                        if ((long) s[0] * s[1] * s[2] > MAX_VOLUME && ab[1] != 0) {
                            continue; // the oracle is slow at the MLP's sizes; beta there is covered above
                        }
                        out.add(Arguments.of(d, t >= 2, t % 2 == 1, s[0], s[1], s[2], ab[0], ab[1]));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} m={3} k={4} n={5} alpha={6} beta={7}")
    @MethodSource("blockEdges")
    @DisplayName("edges of the register tile, the k-block and the column block, with alpha and beta")
    void blockEdges(DType dtype, boolean ta, boolean tb, int m, int k, int n, double alpha, double beta) {
        check(one, dtype, ta, tb, m, k, n, alpha, beta);
        check(two, dtype, ta, tb, m, k, n, alpha, beta);
    }

    @Test
    @DisplayName("a backend reuses its buffers across shapes: large, small, large again give the same results")
    void buffersAcrossShapes() {
        for (int rep = 0; rep < 2; rep++) {
            check(two, DType.FLOAT32, false, true, 300, 600, 700, 1, 0.5);
            check(two, DType.FLOAT32, true, false, 3, 5, 7, 1, 0);
            check(two, DType.FLOAT64, true, true, 70, 300, 40, -1, 1);
        }
    }

    @Test
    @DisplayName("two threads calling one backend at once both get their own product")
    void concurrentCallers() throws Exception {
        Thread[] callers = new Thread[3];
        Throwable[] failures = new Throwable[callers.length];
        for (int i = 0; i < callers.length; i++) {
            int id = i;
            callers[i] = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 5; rep++) {
                        check(two, DType.FLOAT32, id == 1, id == 2, 200 + id, 300, 150, 1, 0);
                    }
                } catch (Throwable t) {
                    failures[id] = t;
                }
            });
            callers[i].start();
        }
        for (int i = 0; i < callers.length; i++) {
            callers[i].join();
            if (failures[i] != null) {
                throw new AssertionError("caller " + i + " failed", failures[i]);
            }
        }
    }

    static Stream<Arguments> identicalEverywhere() {
        // The MLP's products, the few-rows path (m < FEW_ROWS), partial tiles, several k-blocks, two column blocks.
        // With A transposed, narrow last panels run by columns: full and partial row vectors, several column groups.
        int[][] mkn = {{512, 784, 100}, {784, 512, 100}, {512, 200, 10}, {97, 600, 1030}, {3, 784, 100}, {1, 257, 45},
            {100, 512, 200}, {200, 512, 10}, {70, 300, 13}, {64, 9, 16}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : mkn) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(t >= 2, t % 2 == 1, s[0], s[1], s[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1} m={2} k={3} n={4}")
    @MethodSource("identicalEverywhere")
    @DisplayName("bit for bit the same on one thread and on two, and each row the same alone as in the whole product")
    void identicalEverywhere(boolean ta, boolean tb, int m, int k, int n) {
        SplittableRandom rnd = random("vector gemm identical", DType.FLOAT32, ta, tb, m, k, n);
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        float[] a = toFloats(uniform(rnd, aRows * aCols, -1, 1, DType.FLOAT32));
        float[] b = toFloats(uniform(rnd, k * n, -1, 1, DType.FLOAT32));
        float[] c0 = toFloats(uniform(rnd, m * n, -1, 1, DType.FLOAT32));
        float[] single = c0.clone();
        float[] split = c0.clone();
        new FloatGemm(Workers.ofSize(1)).gemm(ta, tb, 0.75, a, b, 0.5, single, m, n, k);
        new FloatGemm(Workers.ofSize(2)).gemm(ta, tb, 0.75, a, b, 0.5, split, m, n, k);
        assertArrayEquals(single, split, "one thread against two");
        FloatGemm alone = new FloatGemm(Workers.ofSize(1));
        for (int i : new int[] {0, m / 2, m - 1}) {
            float[] row = new float[k];
            for (int p = 0; p < k; p++) {
                row[p] = ta ? a[p * m + i] : a[i * k + p];
            }
            float[] c = Arrays.copyOfRange(c0, i * n, (i + 1) * n);
            alone.gemm(false, tb, 0.75, row, b, 0.5, c, 1, n, k);
            assertArrayEquals(Arrays.copyOfRange(single, i * n, (i + 1) * n), c, "row " + i + " alone");
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Test
    @DisplayName("hand-computed 2x2 products in all four transpose cases")
    void handValues() {
        Tensor a = one.fromArray(new float[] {1, 2, 3, 4}, 2, 2, DType.FLOAT32);
        Tensor b = one.fromArray(new float[] {5, 6, 7, 8}, 2, 2, DType.FLOAT32);
        Tensor c = one.zeros(2, 2);
        one.gemm(false, false, 1, a, b, 0, c);
        assertExactly("A·B", new double[] {19, 22, 43, 50}, c);
        one.gemm(true, false, 1, a, b, 0, c);
        assertExactly("Aᵀ·B", new double[] {26, 30, 38, 44}, c);
        one.gemm(false, true, 1, a, b, 0, c);
        assertExactly("A·Bᵀ", new double[] {17, 23, 39, 53}, c);
        one.gemm(true, true, 1, a, b, 0, c);
        assertExactly("Aᵀ·Bᵀ", new double[] {23, 31, 34, 46}, c);
        one.gemm(false, false, 2, a, b, 1, c);
        assertExactly("2·A·B + C", new double[] {61, 75, 120, 146}, c);
    }

    /** Runs one product on {@code be} and compares it with the oracle; A and B must stay unchanged. */
    private static void check(VectorBackend be, DType dtype, boolean ta, boolean tb, int m, int k, int n,
                              double alpha, double beta) {
        SplittableRandom rnd = random("vector gemm", dtype, ta, tb, m, k, n, alpha, beta);
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        double[] a = uniform(rnd, aRows * aCols, -1, 1, dtype);
        double[] b = uniform(rnd, bRows * bCols, -1, 1, dtype);
        double[] c = beta == 0 ? Reference.fill(Double.NaN, m * n) : uniform(rnd, m * n, -1, 1, dtype);
        Tensor tA = be.fromArray(a, aRows, aCols, dtype);
        Tensor tB = be.fromArray(b, bRows, bCols, dtype);
        Tensor tC = be.fromArray(c, m, n, dtype);

        be.gemm(ta, tb, alpha, tA, tB, beta, tC);

        double[] expected = Reference.gemm(ta, tb, alpha, a, aRows, aCols, b, bRows, bCols, beta, c);
        double[] scale = Reference.gemm(ta, tb, Math.abs(alpha), Reference.abs(a), aRows, aCols, Reference.abs(b),
                bRows, bCols, Math.abs(beta), Reference.abs(c));
        String op = String.format(java.util.Locale.ROOT, "%d threads, gemm(transA=%s, transB=%s) m=%d k=%d n=%d",
                be.threads(), ta, tb, m, k, n);
        assertClose(op, expected, scale, tC, Tolerance.of(dtype));
        assertUnchanged(op + " A", a, tA);
        assertUnchanged(op + " B", b, tB);
    }
}
