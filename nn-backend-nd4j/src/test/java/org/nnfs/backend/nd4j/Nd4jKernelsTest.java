package org.nnfs.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Each ND4J kernel against hand-computed values or the {@link Reference} oracle in double precision. The
 * shared conformance suite covers the contract broadly; these pin down the cases this backend maps specially:
 * the four BLAS transpose flags, libnd4j's transcendental functions at extreme inputs, and softmax's
 * split between Java and native passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Nd4jKernelsTest {
    private Backend nd;

    @BeforeAll
    void start() {
        nd = Backends.get("nd4j");
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1); // exactly representable in float32 too
        }
        return v;
    }

    @DisplayName("gemm: all four transpose cases match the Reference oracle, with alpha and beta")
    @ParameterizedTest(name = "{0} transA={1} transB={2} m={3} k={4} n={5} beta={6}")
    @CsvSource({
            "FLOAT32, false, false, 7, 5, 3, 0.0",
            "FLOAT32, true,  false, 7, 5, 3, 0.5",
            "FLOAT32, false, true,  7, 5, 3, 0.0",
            "FLOAT32, true,  true,  7, 5, 3, 1.0",
            "FLOAT64, false, false, 33, 17, 9, 0.5",
            "FLOAT64, true,  false, 33, 17, 9, 0.0",
            "FLOAT64, false, true,  33, 17, 9, 1.0",
            "FLOAT64, true,  true,  33, 17, 9, 0.0",
            "FLOAT32, false, false, 1, 1, 1, 0.0",
            "FLOAT32, true,  false, 1, 9, 1, 0.0",
            "FLOAT64, false, true,  9, 1, 9, 0.5",
            "FLOAT32, true,  true,  64, 100, 10, 0.0"})
    void gemmMatchesTheOracle(DType dtype, boolean ta, boolean tb, int m, int k, int n, double beta) {
        SplittableRandom rnd = new SplittableRandom(m * 1000 + k * 10 + n + (ta ? 7 : 0) + (tb ? 13 : 0));
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        double[] a = random(rnd, aRows * aCols);
        double[] b = random(rnd, bRows * bCols);
        double[] c0 = random(rnd, m * n);
        double alpha = 1.5;
        Tensor ta0 = nd.fromArray(a, aRows, aCols, dtype);
        Tensor tb0 = nd.fromArray(b, bRows, bCols, dtype);
        Tensor tc = nd.fromArray(c0, m, n, dtype);
        nd.gemm(ta, tb, alpha, ta0, tb0, beta, tc);
        double[] expected = Reference.gemm(ta, tb, alpha, a, aRows, aCols, b, bRows, bCols, beta, c0);
        double tol = (dtype == DType.FLOAT32 ? 1e-5 : 1e-13) * (k + 1) * 2;
        assertArrayEquals(expected, tc.toDoubleArray(), tol);
        // The operands are read in place, never modified.
        assertArrayEquals(a, ta0.toDoubleArray(), 0);
        assertArrayEquals(b, tb0.toDoubleArray(), 0);
    }

    @Test
    @DisplayName("gemm: a hand-computed product with transposed operands")
    void gemmByHand() {
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]
        Tensor a = nd.fromArray(new float[] {1, 2, 3, 4}, 2, 2, DType.FLOAT32);
        Tensor b = nd.fromArray(new float[] {5, 6, 7, 8}, 2, 2, DType.FLOAT32);
        Tensor c = nd.zeros(2, 2);
        nd.gemm(false, false, 1, a, b, 0, c);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c.toFloatArray());
        nd.gemm(true, false, 1, a, b, 0, c);   // Aᵀ·B = [[1,3],[2,4]]·B
        assertArrayEquals(new float[] {26, 30, 38, 44}, c.toFloatArray());
        nd.gemm(false, true, 1, a, b, 0, c);   // A·Bᵀ = A·[[5,7],[6,8]]
        assertArrayEquals(new float[] {17, 23, 39, 53}, c.toFloatArray());
        nd.gemm(true, true, 1, a, b, 0, c);    // Aᵀ·Bᵀ
        assertArrayEquals(new float[] {23, 31, 34, 46}, c.toFloatArray());
    }

    @Test
    @DisplayName("gemm: beta = 0 ignores NaN in C; beta = 1 accumulates")
    void gemmBetaZeroIgnoresNaN() {
        Tensor a = nd.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3, DType.FLOAT64);
        Tensor b = nd.fromArray(new double[] {1, 0, 0, 1, 1, 1}, 3, 2, DType.FLOAT64);
        Tensor c = nd.zeros(2, 2, DType.FLOAT64);
        nd.fill(Double.NaN, c);
        nd.gemm(false, false, 1, a, b, 0, c);
        assertArrayEquals(new double[] {4, 5, 10, 11}, c.toDoubleArray());
        nd.gemm(false, false, 2, a, b, 1, c);
        assertArrayEquals(new double[] {12, 15, 30, 33}, c.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("softmax: stable for [1000, 1001], all-negative and equal rows, in place too")
    void softmaxIsStable(DType dtype) {
        double e = 1 / (1 + Math.E);    // softmax([0, 1]) = [1/(1+e), e/(1+e)]
        double[] logits = {1000, 1001, -1000, -1001, -5, -5, 0, 1};
        double[] expected = {e, 1 - e, 1 - e, e, 0.5, 0.5, e, 1 - e};
        Tensor a = nd.fromArray(logits, 4, 2, dtype);
        Tensor out = nd.zeros(4, 2, dtype);
        nd.softmaxRows(a, out);
        double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-15;
        assertArrayEquals(expected, out.toDoubleArray(), tol);
        nd.softmaxRows(a, a);
        assertArrayEquals(expected, a.toDoubleArray(), tol);
    }

    @Test
    @DisplayName("softmax: a wide row sums to 1 and matches exp(x - max) / sum")
    void softmaxWideRow() {
        SplittableRandom rnd = new SplittableRandom(3);
        int rows = 5, cols = 300;
        double[] x = random(rnd, rows * cols);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 30;
        }
        Tensor out = nd.zeros(rows, cols, DType.FLOAT64);
        nd.softmaxRows(nd.fromArray(x, rows, cols, DType.FLOAT64), out);
        double[] got = out.toDoubleArray();
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(x[r * cols + c] - max);
            }
            double total = 0;
            for (int c = 0; c < cols; c++) {
                assertEquals(Math.exp(x[r * cols + c] - max) / sum, got[r * cols + c], 1e-15);
                total += got[r * cols + c];
            }
            assertEquals(1, total, 1e-12);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    @DisplayName("unary: native and Java kernels match UnaryOp.apply, including extreme inputs")
    void unaryMatchesSpecification(UnaryOp op) {
        double[] x = {-1000, -30, -1, -0.5, 0, 0.25, 1, 2, 30, 88, 1000};
        for (DType dtype : DType.values()) {
            Tensor a = nd.fromArray(x, 1, x.length, dtype);
            Tensor out = nd.zeros(1, x.length, dtype);
            nd.unary(op, a, out);
            double[] got = out.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double want = dtype == DType.FLOAT32 ? (float) op.apply(x[i]) : op.apply(x[i]);
                String where = op + " " + dtype + " at " + x[i];
                if (Double.isNaN(want) || Double.isInfinite(want)) {
                    assertEquals(want, got[i], where);
                } else {
                    double tol = (dtype == DType.FLOAT32 ? 2e-7 : 1e-15) * Math.max(1, Math.abs(want));
                    assertEquals(want, got[i], tol, where);
                }
            }
            nd.unary(op, a, a); // in place gives the same
            assertArrayEquals(got, a.toDoubleArray(), 0, op + " in place");
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    @DisplayName("unaryBackward: dx = dy * op'(x, y); ReLU'(0) = 0")
    void unaryBackwardMatchesDerivative(UnaryOp op) {
        double[] x = {0.125, 0.5, 1, 2, 3, 0};
        if (op != UnaryOp.LOG && op != UnaryOp.SQRT) {
            x[0] = -2;
            x[1] = -0.5;
        }
        double[] dy = {1, -2, 0.5, 3, -1, 4};
        for (DType dtype : DType.values()) {
            Tensor tx = nd.fromArray(x, 2, 3, dtype);
            Tensor ty = nd.zeros(2, 3, dtype);
            nd.unary(op, tx, ty);
            double[] y = ty.toDoubleArray();
            Tensor tdy = nd.fromArray(dy, 2, 3, dtype);
            nd.unaryBackward(op, tx, ty, tdy, tdy); // in place into dy
            double[] got = tdy.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double want = dy[i] * op.derivative(x[i], y[i]);
                double tol = (dtype == DType.FLOAT32 ? 1e-6 : 1e-15) * Math.max(1, Math.abs(want));
                if (Double.isInfinite(want)) {
                    assertEquals(want, got[i], op + " at " + x[i]);
                } else {
                    assertEquals(want, got[i], tol, op + " " + dtype + " at " + x[i]);
                }
            }
        }
    }

    @Test
    @DisplayName("unaryBackward: ReLU passes dy where x > 0 only, exactly")
    void reluBackwardByHand() {
        Tensor x = nd.fromArray(new float[] {-1, 0, 2, 3}, 2, 2, DType.FLOAT32);
        Tensor y = nd.zeros(2, 2);
        nd.unary(UnaryOp.RELU, x, y);
        assertArrayEquals(new float[] {0, 0, 2, 3}, y.toFloatArray());
        Tensor dy = nd.fromArray(new float[] {5, 6, 7, 8}, 2, 2, DType.FLOAT32);
        Tensor dx = nd.zeros(2, 2);
        nd.unaryBackward(UnaryOp.RELU, x, y, dy, dx);
        assertArrayEquals(new float[] {0, 0, 7, 8}, dx.toFloatArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("ReLU and its derivative, computed from the bits without a branch, match UnaryOp.RELU at every special value")
    void reluAtSpecialValues(DType dtype) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double tiny = dtype == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        double huge = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        double[] x = {0.0, -0.0, nan, -nan, inf, -inf, tiny, -tiny, huge, -huge, 1, -1, 0.5, -2.5};
        // dy: NaN and ±Inf where x > 0 and where not, so that both the passed and the blocked ones are seen.
        double[] dy = {nan, inf, 3, -3, nan, -inf, -inf, 2, -0.0, 7, inf, nan, -4, -0.5};
        Tensor tx = nd.fromArray(x, 2, 7, dtype);
        Tensor ty = nd.zeros(2, 7, dtype);
        nd.unary(UnaryOp.RELU, tx, ty);
        Tensor tdx = nd.zeros(2, 7, dtype);
        nd.unaryBackward(UnaryOp.RELU, tx, ty, nd.fromArray(dy, 2, 7, dtype), tdx);
        double[] y = ty.toDoubleArray();
        double[] dx = tdx.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double wantY = round(UnaryOp.RELU.apply(x[i]), dtype);
            double wantDx = round(round(dy[i], dtype) * UnaryOp.RELU.derivative(x[i], wantY), dtype);
            // Bits, not values: +0 and -0 differ; every NaN is one.
            assertEquals(Double.doubleToLongBits(wantY), Double.doubleToLongBits(y[i]), "relu(" + x[i] + ")");
            assertEquals(Double.doubleToLongBits(wantDx), Double.doubleToLongBits(dx[i]),
                    "relu'(" + x[i] + ") * " + dy[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("Adding or subtracting a row (BLAS ger) is a + row rounded once, bit for bit, in place or not, for growing batches")
    void rowAdditionIsExact(DType dtype) {
        SplittableRandom rnd = new SplittableRandom(7);
        int cols = 37;
        double[] row = random(rnd, cols);
        row[3] = -0.0;
        Tensor r = nd.fromArray(row, 1, cols, dtype);
        for (int rows : new int[] {2, 5, 600}) { // the column of ones grows past its first length
            double[] a = random(rnd, rows * cols);
            a[0] = -0.0;
            a[1] = 1e-30 * rnd.nextDouble();
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB}) {
                Tensor ta = nd.fromArray(a, rows, cols, dtype);
                Tensor out = nd.zeros(rows, cols, dtype);
                if (op == BinaryOp.ADD) {
                    nd.addRowVector(ta, r, out);
                } else {
                    nd.binary(op, ta, r, out);
                }
                nd.binary(op, ta, r, ta); // in place
                double[] got = out.toDoubleArray();
                double[] inPlace = ta.toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    double want = round(op.apply(round(a[i], dtype), round(row[i % cols], dtype)), dtype);
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got[i]), op + " at " + i);
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(inPlace[i]), op + " in place at " + i);
                }
            }
        }
    }

    private static double round(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    @DisplayName("binary: each op matches BinaryOp.apply exactly (one rounding), in place into a and b")
    void binaryMatchesSpecification(BinaryOp op) {
        double[] a = {1.5, -2, 3, 0.25, -0.5, 7};
        double[] b = {0.5, 4, -3, 0.125, 2, -7};
        for (DType dtype : DType.values()) {
            Tensor ta = nd.fromArray(a, 3, 2, dtype);
            Tensor tb = nd.fromArray(b, 3, 2, dtype);
            Tensor out = nd.zeros(3, 2, dtype);
            nd.binary(op, ta, tb, out);
            double[] want = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = dtype == DType.FLOAT32 ? (float) op.apply(a[i], b[i]) : op.apply(a[i], b[i]);
            }
            assertArrayEquals(want, out.toDoubleArray(), 0, op + " " + dtype);
            nd.binary(op, ta, tb, tb);
            assertArrayEquals(want, tb.toDoubleArray(), 0, op + " into b");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("addRowVector, sumColumns, argmaxRows and gatherRows by hand")
    void rowAndColumnKernels(DType dtype) {
        Tensor a = nd.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3, dtype);
        Tensor row = nd.fromArray(new double[] {10, 20, 30}, 1, 3, dtype);
        Tensor out = nd.zeros(2, 3, dtype);
        nd.addRowVector(a, row, out);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, out.toDoubleArray());
        nd.addRowVector(out, row, out);
        assertArrayEquals(new double[] {21, 42, 63, 24, 45, 66}, out.toDoubleArray());

        Tensor sums = nd.zeros(1, 3, dtype);
        nd.fill(Double.NaN, sums);
        nd.sumColumns(a, sums);
        assertArrayEquals(new double[] {5, 7, 9}, sums.toDoubleArray());
        nd.sumColumns(sums, sums); // one row: the sum is the row itself
        assertArrayEquals(new double[] {5, 7, 9}, sums.toDoubleArray());

        Tensor scores = nd.fromArray(new double[] {3, 1, 3, -5, -2, -9, 0, 7, 7}, 3, 3, dtype);
        int[] idx = {-1, -1, -1, 42};
        nd.argmaxRows(scores, idx);
        assertArrayEquals(new int[] {0, 1, 1, 42}, idx, "first maximum on ties; negative rows; extra slots kept");

        Tensor picked = nd.zeros(3, 3, dtype);
        nd.gatherRows(scores, new int[] {9, 2, 0, 2}, 1, picked);
        assertArrayEquals(new double[] {0, 7, 7, 3, 1, 3, 0, 7, 7}, picked.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    @DisplayName("fill, copy, affine, scale and axpy by hand")
    void elementwiseByHand(DType dtype) {
        Tensor a = nd.fromArray(new double[] {1, -2, 3, 4}, 2, 2, dtype);
        Tensor out = nd.zeros(2, 2, dtype);
        nd.fill(2.5, out);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, out.toDoubleArray());
        nd.copy(a, out);
        assertArrayEquals(new double[] {1, -2, 3, 4}, out.toDoubleArray());
        nd.affine(a, 2, 0.5, out);
        assertArrayEquals(new double[] {2.5, -3.5, 6.5, 8.5}, out.toDoubleArray());
        nd.scale(-0.5, a, out);
        assertArrayEquals(new double[] {-0.5, 1, -1.5, -2}, out.toDoubleArray());
        nd.axpy(2, a, out);
        assertArrayEquals(new double[] {1.5, -3, 4.5, 6}, out.toDoubleArray());
        nd.axpy(1, out, out); // y = x + y with x == y
        assertArrayEquals(new double[] {3, -6, 9, 12}, out.toDoubleArray());
    }

    @Test
    @DisplayName("copies: row-major order and conversion between float and double arrays")
    void copiesConvertAndKeepRowMajorOrder() {
        float[] f = {1, 2, 3, 4, 5, 6};
        double[] d = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        Tensor t32 = nd.fromArray(f, 2, 3, DType.FLOAT32);
        Tensor t64 = nd.fromArray(d, 3, 2, DType.FLOAT64);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t32.toDoubleArray());
        assertArrayEquals(f, t32.toFloatArray());
        assertArrayEquals(d, t64.toDoubleArray());
        float[] asFloats = t64.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], asFloats[i]);
        }
        nd.copyFrom(new double[] {9, 9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, t32);
        float[] rounded = t32.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], rounded[i]);
        }
        nd.copyFrom(new float[] {7, 1, 2, 3, 4, 5, 6}, 1, t64);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t64.toDoubleArray());
        // Element (r, c) of the ND4J array is element r * cols + c of the arrays.
        assertEquals(6.0, ((Nd4jTensor) t64).array().getDouble(2, 1));
        assertEquals(2.0, ((Nd4jTensor) t64).array().getDouble(0, 1));
    }

    @Test
    @DisplayName("zeros: new tensors are zero-filled in both types")
    void zerosAreZero() {
        for (DType dtype : DType.values()) {
            double[] v = nd.zeros(17, 31, dtype).toDoubleArray();
            for (double x : v) {
                assertEquals(0.0, x);
            }
            assertTrue(v.length == 17 * 31);
        }
    }

    @Test
    @DisplayName("zeros: a tensor made while an ND4J workspace is open does not live in that workspace")
    @SuppressWarnings("try") // the workspaces are opened for their scope; the bodies never name them
    void allocationIgnoresOpenWorkspaces() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20)
                .policyLearning(LearningPolicy.NONE).build();
        Tensor t;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "nnfs-test")) {
            t = nd.zeros(16, 16);
            assertFalse(((Nd4jTensor) t).array().isAttached(), "tensor memory was taken from the workspace");
            assertTrue(Nd4j.create(4, 4).isAttached(), "the workspace is active for ordinary ND4J arrays");
        }
        // Workspace memory is reused after the scope closes; the tensor must be unaffected.
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "nnfs-test")) {
            Nd4j.create(DataType.FLOAT, 16, 16).assign(7);
        }
        nd.fill(3, t);
        for (float v : t.toFloatArray()) {
            assertEquals(3f, v);
        }
    }

    @Test
    @DisplayName("one backend, four Java threads on their own tensors: the results they get alone")
    void threadsSharingTheBackendGetTheSameResults() throws Exception {
        int workers = 4;
        Tensor[][] mine = new Tensor[workers][];
        for (int w = 0; w < workers; w++) {
            SplittableRandom rnd = new SplittableRandom(100 + w);
            Tensor x = nd.fromArray(random(rnd, 64 * 50), 64, 50, DType.FLOAT32);
            Tensor wt = nd.fromArray(random(rnd, 50 * 30), 50, 30, DType.FLOAT32);
            mine[w] = new Tensor[] {x, wt, nd.zeros(64, 30), nd.zeros(64, 30), nd.zeros(50, 30)};
        }
        float[][] alone = new float[workers][];
        for (int w = 0; w < workers; w++) {
            alone[w] = work(mine[w]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        try {
            java.util.List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Tensor[] t = mine[w];
                results.add(pool.submit(() -> {
                    float[] last = null;
                    for (int i = 0; i < 200; i++) {
                        last = work(t);
                    }
                    return last;
                }));
            }
            for (int w = 0; w < workers; w++) {
                // BLAS may split a product differently when it is busy: equal up to rounding, not bitwise.
                assertArrayEquals(alone[w], results.get(w).get(), 1e-5f, "worker " + w);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A forward and backward pass on one worker's tensors {x, w, z, p, dw}; returns dw. */
    private float[] work(Tensor[] t) {
        nd.gemm(false, false, 1, t[0], t[1], 0, t[2]);
        nd.unary(UnaryOp.TANH, t[2], t[3]);
        nd.softmaxRows(t[3], t[3]);
        nd.gemm(true, false, 1, t[0], t[3], 0, t[4]);
        return t[4].toFloatArray();
    }
}
