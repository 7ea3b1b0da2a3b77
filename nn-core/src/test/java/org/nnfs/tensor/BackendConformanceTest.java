package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertRejected;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.representable;
import static org.nnfs.tensor.TestData.uniform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link Backend}, checked against the {@link Reference} oracle. Every backend module
 * runs it by subclassing:
 *
 * <pre>{@code
 * class OjAlgoBackendConformanceTest extends BackendConformanceTest {
 *     @Override protected Backend createBackend() { return new OjAlgoBackend(2); }
 * }
 * }</pre>
 *
 * <p>The contract is grouped in {@link Nested} classes named after behaviour (as in Micrometer's
 * compatibility kit); JUnit discovers the inherited nested classes of the subclass and runs them. The
 * backend is created once per concrete class (lifecycle per class) and shared by all nested tests, so it
 * must tolerate many operations in any order. Nothing here depends on which backend
 * {@link Backends#get()} would choose.
 *
 * <p>Each test draws its data from a {@link SplittableRandom} seeded by the test's own parameters
 * ({@link TestData#random}), so a failure reproduces exactly. Inputs are exactly representable in the
 * tensor's type, and results are judged with {@link Tolerance#of(DType)} against the magnitude of the
 * terms that produced them; see {@link Tolerance} for the numbers and why. Copies, fills, gathers, argmax
 * and the documented special values (ReLU at 0, saturated sigmoid) are exact.
 *
 * <p>Surefire reports the nested groups under this class's name ({@code BackendConformanceTest$Gemm});
 * failure messages start with the backend's name so that they say which backend failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {

    /** Odd and degenerate shapes: a scalar, a row, a column, an odd rectangle and an MNIST-sized one. */
    static final List<Shape> SHAPES = List.of(
            new Shape(1, 1), new Shape(1, 13), new Shape(13, 1), new Shape(7, 13), new Shape(513, 785));

    private static final String SOURCES = "org.nnfs.tensor.BackendConformanceTest#";

    private Backend backend;
    /** A second, distinct backend instance whose tensors every operation must refuse. */
    private Backend foreign;

    /** The backend under test; called once per concrete test class. */
    protected abstract Backend createBackend();

    @BeforeAll
    final void createBackendOnce() {
        backend = Objects.requireNonNull(createBackend(), "createBackend() returned null");
        foreign = new ReferenceBackend();
    }

    /** The backend under test, for suites built on this one. */
    protected final Backend backend() {
        return backend;
    }

    // ================================================================ helpers for tensors of the backend under test
    // (data generation lives in TestData, comparison in TensorAssertions, so that later suites share them)

    /** A tensor of the backend under test holding {@code values}. */
    protected final Tensor tensor(double[] values, int rows, int cols, DType dtype) {
        return backend.fromArray(values, rows, cols, dtype);
    }

    /** A tensor of the backend under test holding {@code values}. */
    protected final Tensor tensor(double[] values, Shape shape, DType dtype) {
        return tensor(values, shape.rows(), shape.cols(), dtype);
    }

    /** An output tensor full of NaN: any old content that leaks into a result shows up. */
    protected final Tensor nanTensor(int rows, int cols, DType dtype) {
        Tensor t = backend.zeros(rows, cols, dtype);
        backend.fill(Double.NaN, t);
        return t;
    }

    /** A tensor of distinct exactly-representable values, to detect any write. */
    protected final Tensor distinct(int rows, int cols, DType dtype) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + 0.25 * i;
        }
        return tensor(v, rows, cols, dtype);
    }

    static Stream<Arguments> dtypesAndShapes() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            for (Shape s : SHAPES) {
                out.add(Arguments.of(d, s));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true),
                Arguments.of(true, false), Arguments.of(true, true));
    }

    static Stream<Arguments> dtypesAndTransposes() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            transposes().forEach(t -> out.add(Arguments.of(d, t.get()[0], t.get()[1])));
        }
        return out.stream();
    }

    // ================================================================ identity

    @Nested
    @DisplayName("A backend describes itself")
    class Identity {
        @Test
        @DisplayName("name() is a non-blank lower-case word, as users type it in -Dnn.backend")
        void name() {
            assertTrue(backend.name().matches("[a-z0-9][a-z0-9_-]*"), "name: '" + backend.name() + "'");
        }

        @Test
        @DisplayName("threads() is at least 1")
        void threads() {
            assertTrue(backend.threads() >= 1, "threads() = " + backend.threads());
        }

        @Test
        @DisplayName("description() is one non-blank line that mentions the name")
        void description() {
            String d = backend.description();
            assertTrue(d != null && !d.isBlank(), "description is blank");
            assertFalse(d.contains("\n") || d.contains("\r"), "description spans lines: " + d);
            assertTrue(d.toLowerCase(java.util.Locale.ROOT).contains(backend.name()),
                    "description '" + d + "' should mention the name '" + backend.name() + "'");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("a tensor knows its backend, shape and element type")
        void tensorMetadata(DType dtype) {
            Tensor t = backend.zeros(3, 5, dtype);
            assertSame(backend, t.backend());
            assertEquals(3, t.rows());
            assertEquals(5, t.cols());
            assertEquals(15, t.size());
            assertEquals(dtype, t.dtype());
            assertEquals("[3, 5]", t.shape());
            assertTrue(t.hasShape(3, 5));
            assertFalse(t.hasShape(5, 3));
        }

        @Test
        @DisplayName("zeros(rows, cols) is float32")
        void defaultDType() {
            assertEquals(DType.FLOAT32, backend.zeros(2, 3).dtype());
        }
    }

    // ================================================================ allocation and copies

    @Nested
    @DisplayName("Allocation and copies keep values exactly")
    class AllocationAndCopies {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("zeros() is all zeros")
        void zeros(DType dtype, Shape s) {
            assertExactly("zeros", new double[s.size()], backend.zeros(s.rows(), s.cols(), dtype));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("fromArray(double[]) stores the values, rounded to float for float32")
        void fromDoubleArray(DType dtype, Shape s) {
            double[] v = uniform(random("fromDoubleArray", dtype, s), s.size(), -10, 10, DType.FLOAT64);
            Tensor t = backend.fromArray(v, s.rows(), s.cols(), dtype);
            assertTrue(t.hasShape(s.rows(), s.cols()));
            assertEquals(dtype, t.dtype());
            assertArrayEquals(representable(v, dtype), t.toDoubleArray());
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("fromArray(float[]) stores the floats exactly, also in float64")
        void fromFloatArray(DType dtype, Shape s) {
            SplittableRandom rnd = random("fromFloatArray", dtype, s);
            float[] v = new float[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextDouble() * 20 - 10);
            }
            Tensor t = backend.fromArray(v, s.rows(), s.cols(), dtype);
            assertArrayEquals(v, t.toFloatArray());
            double[] widened = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                widened[i] = v[i];
            }
            assertArrayEquals(widened, t.toDoubleArray());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("toFloatArray() of float64 rounds each value to the nearest float")
        void float64ToFloatArray(DType dtype) {
            double[] v = uniform(random("toFloat", dtype), 7 * 13, -1e3, 1e3, dtype);
            float[] expected = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                expected[i] = (float) v[i];
            }
            assertArrayEquals(expected, tensor(v, 7, 13, dtype).toFloatArray());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("copyFrom(float[] and double[], offset) reads the slice that starts at the offset")
        void copyFromWithOffset(DType dtype) {
            int rows = 7;
            int cols = 13;
            int offset = 5;
            double[] big = uniform(random("copyFromOffset", dtype), rows * cols + offset + 3, -5, 5, DType.FLOAT32);
            double[] expected = Arrays.copyOfRange(big, offset, offset + rows * cols);
            Tensor t = nanTensor(rows, cols, dtype);
            backend.copyFrom(big, offset, t);
            assertExactly("copyFrom(double[], 5)", expected, t);

            float[] bigFloats = new float[big.length];
            for (int i = 0; i < big.length; i++) {
                bigFloats[i] = (float) -big[i];
            }
            backend.copyFrom(bigFloats, offset, t);
            assertExactly("copyFrom(float[], 5)", Reference.scale(-1, expected), t);

            backend.copyFrom(bigFloats, t);
            assertExactly("copyFrom(float[])", Reference.scale(-1, Arrays.copyOf(big, rows * cols)), t);
            backend.copyFrom(big, t);
            assertExactly("copyFrom(double[])", Arrays.copyOf(big, rows * cols), t);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("copyTo() fills the start of a longer array and leaves the rest alone")
        void copyToLongerArray(DType dtype) {
            double[] v = uniform(random("copyTo", dtype), 13, -5, 5, dtype);
            Tensor t = tensor(v, 13, 1, dtype);
            double[] doubles = new double[20];
            Arrays.fill(doubles, -7);
            backend.copyTo(t, doubles);
            assertArrayEquals(v, Arrays.copyOf(doubles, 13));
            for (int i = 13; i < 20; i++) {
                assertEquals(-7, doubles[i], "copyTo(double[]) wrote past the tensor at " + i);
            }
            float[] floats = new float[20];
            Arrays.fill(floats, -7);
            backend.copyTo(t, floats);
            for (int i = 0; i < 13; i++) {
                assertEquals((float) v[i], floats[i], "copyTo(float[]) at " + i);
            }
            for (int i = 13; i < 20; i++) {
                assertEquals(-7, floats[i], "copyTo(float[]) wrote past the tensor at " + i);
            }
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("copy(src, dst) overwrites dst and leaves src alone; copy(t, t) changes nothing")
        void copy(DType dtype, Shape s) {
            double[] v = uniform(random("copy", dtype, s), s.size(), -5, 5, dtype);
            Tensor src = tensor(v, s, dtype);
            Tensor dst = nanTensor(s.rows(), s.cols(), dtype);
            backend.copy(src, dst);
            assertExactly("copy", v, dst);
            assertUnchanged("copy src", v, src);
            backend.copy(dst, dst);
            assertExactly("copy(t, t)", v, dst);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("fill() sets every element, rounded to the element type")
        void fill(DType dtype) {
            Tensor t = distinct(7, 13, dtype);
            for (double value : new double[] {0, -2.5, 1.0 / 3, 1e30, Double.NaN}) {
                backend.fill(value, t);
                double expected = dtype == DType.FLOAT32 ? (float) value : value;
                assertExactly("fill(" + value + ")", Reference.fill(expected, t.size()), t);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("tensors are independent of each other and of the arrays they were filled from")
        void independence(DType dtype) {
            double[] v = uniform(random("independence", dtype), 7 * 13, -5, 5, dtype);
            double[] keep = v.clone();
            Tensor a = tensor(v, 7, 13, dtype);
            Tensor b = backend.zeros(7, 13, dtype);
            Tensor c = backend.zeros(7, 13, dtype);
            assertNotSame(a, b);
            backend.copy(a, b);
            backend.fill(3, a);
            assertExactly("b after writing a", keep, b);
            assertExactly("c after writing a and b", new double[7 * 13], c);

            Arrays.fill(v, 99);
            assertExactly("a after changing the array it was built from", Reference.fill(3, 7 * 13), a);
            double[] out = b.toDoubleArray();
            Arrays.fill(out, 42);
            assertExactly("b after changing the array toDoubleArray() returned", keep, b);
            float[] outF = b.toFloatArray();
            Arrays.fill(outF, 42);
            assertExactly("b after changing the array toFloatArray() returned", keep, b);
        }
    }

    // ================================================================ gemm

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

    @Nested
    @DisplayName("gemm computes C = alpha·op(A)·op(B) + beta·C")
    class Gemm {
        @ParameterizedTest(name = "{0} transA={1} transB={2} m={3} k={4} n={5}")
        @MethodSource(SOURCES + "gemmShapes")
        @DisplayName("all four transposes on degenerate and odd shapes; beta = 0 ignores NaN in C")
        void shapes(DType dtype, boolean ta, boolean tb, int m, int k, int n) {
            checkGemm("shapes", dtype, ta, tb, m, k, n, 1.5, 0, -1, 1);
        }

        @ParameterizedTest(name = "{0} transA={1} transB={2} alpha={3} beta={4}")
        @MethodSource(SOURCES + "gemmScalars")
        @DisplayName("alpha and beta scale the product and the old C")
        void scalars(DType dtype, boolean ta, boolean tb, double alpha, double beta) {
            checkGemm("scalars", dtype, ta, tb, 7, 13, 5, alpha, beta, -1, 1);
        }

        @ParameterizedTest(name = "{0} transA={1} transB={2}")
        @MethodSource(SOURCES + "dtypesAndTransposes")
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
        @MethodSource(SOURCES + "dtypesAndTransposes")
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

    // ================================================================ rows and columns

    @Nested
    @DisplayName("addRowVector adds a bias row to every row; sumColumns sums each column")
    class RowsAndColumns {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
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
        @MethodSource(SOURCES + "dtypesAndShapes")
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
        @MethodSource(SOURCES + "dtypesAndShapes")
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

    // ================================================================ softmax

    @Nested
    @DisplayName("softmaxRows turns each row into a probability distribution, stably")
    class Softmax {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
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

    // ================================================================ argmax

    @Nested
    @DisplayName("argmaxRows finds the first largest value of each row")
    class Argmax {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("random rows")
        void randomRows(DType dtype, Shape s) {
            double[] a = uniform(random("argmax", dtype, s), s.size(), -5, 5, dtype);
            int[] out = new int[s.rows()];
            Arrays.fill(out, -1);
            backend.argmaxRows(tensor(a, s, dtype), out);
            assertArrayEquals(Reference.argmaxRows(a, s.rows(), s.cols()), out);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("ties go to the first column; all-negative rows are not mistaken for |max|")
        void tiesAndNegatives(DType dtype) {
            double[] a = {
                3, 3, 1,
                1, 3, 3,
                2, 2, 2,
                -1, -1, -5,
                -1000, -1001, -999.5,
                -3, -2, -1,
                -5, 1, 2,
                1e30, -1e30, 1e30,
            };
            int[] out = new int[8];
            backend.argmaxRows(tensor(a, 8, 3, dtype), out);
            assertArrayEquals(new int[] {0, 1, 0, 0, 2, 2, 2, 0}, out);
            assertArrayEquals(Reference.argmaxRows(a, 8, 3), out, "the oracle agrees");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("NaN counts as the largest value, as in NumPy: a row's first NaN wins, wherever the maximum is")
        void nanIsLargest(DType dtype) {
            double nan = Double.NaN;
            double inf = Double.POSITIVE_INFINITY;
            double[] a = {
                0, nan, 9, nan,
                nan, 1, 2, 3,
                5, 1, nan, 9,
                inf, 1, 2, nan,
                -inf, -inf, -inf, nan,
                nan, nan, nan, nan,
                1, 4, 2, 3,
            };
            int[] out = new int[7];
            backend.argmaxRows(tensor(a, 7, 4, dtype), out);
            assertArrayEquals(new int[] {1, 0, 2, 3, 3, 0, 1}, out);
            assertArrayEquals(Reference.argmaxRows(a, 7, 4), out, "the oracle agrees");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("a longer out array keeps its entries past a.rows()")
        void longerOut(DType dtype) {
            int[] out = {-7, -7, -7, -7, -7};
            backend.argmaxRows(tensor(new double[] {1, 2, 4, 3, 9, 8}, 3, 2, dtype), out);
            assertArrayEquals(new int[] {1, 0, 0, -7, -7}, out);
        }
    }

    // ================================================================ gatherRows

    @Nested
    @DisplayName("gatherRows assembles a mini-batch from rows of a source")
    class GatherRows {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
        @DisplayName("random indices with repeats, out of order, from an offset")
        void randomIndices(DType dtype, Shape s) {
            SplittableRandom rnd = random("gatherRows", dtype, s);
            double[] src = uniform(rnd, s.size(), -5, 5, dtype);
            int outRows = Math.min(s.rows() + 2, 100);
            int offset = 3;
            int[] indices = new int[offset + outRows + 4];
            for (int i = 0; i < indices.length; i++) {
                // Entries outside [offset, offset + outRows) are out of range: they must not be read.
                boolean used = i >= offset && i < offset + outRows;
                indices[i] = used ? rnd.nextInt(s.rows()) : -1;
            }
            Tensor tsrc = tensor(src, s, dtype);
            Tensor out = nanTensor(outRows, s.cols(), dtype);
            backend.gatherRows(tsrc, indices, offset, out);
            assertExactly("gatherRows", Reference.gatherRows(src, s.cols(), indices, offset, outRows), out);
            assertUnchanged("gatherRows src", src, tsrc);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("explicit repeated, reversed indices")
        void explicit(DType dtype) {
            double[] src = {
                0, 1, 2,
                10, 11, 12,
                20, 21, 22,
                30, 31, 32,
                40, 41, 42,
            };
            int[] indices = {4, 0, 4, 2, 2, 1};
            Tensor out = nanTensor(4, 3, dtype);
            backend.gatherRows(tensor(src, 5, 3, dtype), indices, 1, out);
            assertExactly("gatherRows", new double[] {0, 1, 2, 40, 41, 42, 20, 21, 22, 20, 21, 22}, out);
        }
    }

    // ================================================================ unary

    /** Inputs where each function is defined and well conditioned. */
    static double[] domain(UnaryOp op) {
        switch (op) {
            case LOG:
            case SQRT:
                return new double[] {0.05, 10};
            case EXP:
                return new double[] {-10, 10};
            case SIGMOID:
            case TANH:
                return new double[] {-6, 6};
            default:
                return new double[] {-3, 3};
        }
    }

    static Stream<Arguments> unaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (DType d : DType.values()) {
                for (Shape s : SHAPES) {
                    out.add(Arguments.of(op, d, s));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> unaryOpsAndDTypes() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (DType d : DType.values()) {
                out.add(Arguments.of(op, d));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> unarySpecialValues() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            out.add(Arguments.of(UnaryOp.RELU, d, new double[] {0, -0.0, -3, 2, -1000, 1000}));
            out.add(Arguments.of(UnaryOp.SIGMOID, d, new double[] {0, 1000, -1000, 20, -20, 88, -88, 1, -1}));
            out.add(Arguments.of(UnaryOp.TANH, d, new double[] {0, 20, -20, 1000, -1000, 0.5, -0.5}));
            out.add(Arguments.of(UnaryOp.EXP, d, new double[] {0, 1, -1, -1000, 10, -10}));
            out.add(Arguments.of(UnaryOp.LOG, d, new double[] {1, 2, 0.5, 1e-3, 1000, Math.E}));
            // Not 0: sqrt'(0) is infinite.
            out.add(Arguments.of(UnaryOp.SQRT, d, new double[] {1, 4, 2, 1e-6, 1e6}));
            out.add(Arguments.of(UnaryOp.SQUARE, d, new double[] {0, -3, 3, 0.5, -1e3}));
        }
        return out.stream();
    }

    @Nested
    @DisplayName("unary and unaryBackward follow UnaryOp's apply and derivative")
    class Unary {
        @ParameterizedTest(name = "{0} {1} {2}")
        @MethodSource(SOURCES + "unaryCases")
        @DisplayName("unary(op, a, out) on random data")
        void forward(UnaryOp op, DType dtype, Shape s) {
            double[] d = domain(op);
            double[] a = uniform(random("unary", op, dtype, s), s.size(), d[0], d[1], dtype);
            Tensor ta = tensor(a, s, dtype);
            Tensor out = nanTensor(s.rows(), s.cols(), dtype);
            backend.unary(op, ta, out);
            assertClose("unary " + op, Reference.unary(op, a), null, out, Tolerance.of(dtype));
            assertUnchanged("unary " + op + " a", a, ta);
        }

        @ParameterizedTest(name = "{0} {1} {2}")
        @MethodSource(SOURCES + "unaryCases")
        @DisplayName("unaryBackward(op, x, y, dy, dx) on random data")
        void backward(UnaryOp op, DType dtype, Shape s) {
            SplittableRandom rnd = random("unaryBackward", op, dtype, s);
            double[] d = domain(op);
            double[] x = uniform(rnd, s.size(), d[0], d[1], dtype);
            double[] y = representable(Reference.unary(op, x), dtype);
            double[] dy = uniform(rnd, s.size(), -1, 1, dtype);
            Tensor tx = tensor(x, s, dtype);
            Tensor ty = tensor(y, s, dtype);
            Tensor tdy = tensor(dy, s, dtype);
            Tensor dx = nanTensor(s.rows(), s.cols(), dtype);
            backend.unaryBackward(op, tx, ty, tdy, dx);
            assertClose("unaryBackward " + op, Reference.unaryBackward(op, x, y, dy), null, dx, Tolerance.of(dtype));
            assertUnchanged("unaryBackward x", x, tx);
            assertUnchanged("unaryBackward y", y, ty);
            assertUnchanged("unaryBackward dy", dy, tdy);
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "unaryOpsAndDTypes")
        @DisplayName("unary in place (out == a)")
        void forwardInPlace(UnaryOp op, DType dtype) {
            double[] d = domain(op);
            double[] a = uniform(random("unaryInPlace", op, dtype), 7 * 13, d[0], d[1], dtype);
            Tensor t = tensor(a, 7, 13, dtype);
            backend.unary(op, t, t);
            assertClose("unary " + op + " in place", Reference.unary(op, a), null, t, Tolerance.of(dtype));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "unaryOpsAndDTypes")
        @DisplayName("unaryBackward in place (dx == dy)")
        void backwardInPlace(UnaryOp op, DType dtype) {
            SplittableRandom rnd = random("unaryBackwardInPlace", op, dtype);
            double[] d = domain(op);
            double[] x = uniform(rnd, 7 * 13, d[0], d[1], dtype);
            double[] y = representable(Reference.unary(op, x), dtype);
            double[] dy = uniform(rnd, 7 * 13, -1, 1, dtype);
            Tensor tdy = tensor(dy, 7, 13, dtype);
            backend.unaryBackward(op, tensor(x, 7, 13, dtype), tensor(y, 7, 13, dtype), tdy, tdy);
            assertClose("unaryBackward " + op + " in place", Reference.unaryBackward(op, x, y, dy), null, tdy,
                    Tolerance.of(dtype));
        }

        @ParameterizedTest(name = "{0} {1} {2}")
        @MethodSource(SOURCES + "unarySpecialValues")
        @DisplayName("special values: saturation, zero, underflow; no NaN anywhere")
        void specialValues(UnaryOp op, DType dtype, double[] xs) {
            double[] x = representable(xs, dtype);
            double[] y = representable(Reference.unary(op, x), dtype);
            Tensor tx = tensor(x, 1, x.length, dtype);
            Tensor out = nanTensor(1, x.length, dtype);
            backend.unary(op, tx, out);
            assertClose("unary " + op, y, null, out, Tolerance.of(dtype));
            Tensor dx = nanTensor(1, x.length, dtype);
            double[] dy = Reference.fill(1, x.length);
            backend.unaryBackward(op, tx, tensor(y, 1, x.length, dtype), tensor(dy, 1, x.length, dtype), dx);
            assertClose("unaryBackward " + op, Reference.unaryBackward(op, x, y, dy), null, dx, Tolerance.of(dtype));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("well-known values: exp(0) = 1, exp(1) = e, log(1) = 0, log(e) = 1, sqrt(0) = 0, sqrt(4) = 2, "
                + "square(-3) = 9, tanh(0) = 0")
        void wellKnownValues(DType dtype) {
            Tolerance tol = Tolerance.of(dtype);
            double e = dtype == DType.FLOAT32 ? (float) Math.E : Math.E;
            check(UnaryOp.EXP, dtype, new double[] {0, 1}, new double[] {1, Math.E}, tol);
            check(UnaryOp.LOG, dtype, new double[] {1, e}, new double[] {0, 1}, tol);
            check(UnaryOp.SQRT, dtype, new double[] {0, 4, 2}, new double[] {0, 2, Math.sqrt(2)}, tol);
            check(UnaryOp.SQUARE, dtype, new double[] {-3, 0.5}, new double[] {9, 0.25}, tol);
            check(UnaryOp.TANH, dtype, new double[] {0}, new double[] {0}, tol);
        }

        private void check(UnaryOp op, DType dtype, double[] x, double[] expected, Tolerance tol) {
            Tensor out = nanTensor(1, x.length, dtype);
            backend.unary(op, tensor(x, 1, x.length, dtype), out);
            assertClose("unary " + op, expected, null, out, tol);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("relu(0) = 0 and relu'(0) = 0")
        void reluAtZero(DType dtype) {
            Tensor x = tensor(new double[] {0, -1, 2}, 1, 3, dtype);
            Tensor y = nanTensor(1, 3, dtype);
            backend.unary(UnaryOp.RELU, x, y);
            assertExactly("relu", new double[] {0, 0, 2}, y);
            Tensor dx = nanTensor(1, 3, dtype);
            backend.unaryBackward(UnaryOp.RELU, x, y, tensor(new double[] {5, 5, 5}, 1, 3, dtype), dx);
            assertExactly("relu'", new double[] {0, 0, 5}, dx);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("sigmoid(±1000) is exactly 1 and 0, sigmoid(0) = 0.5, and the derivative there is 0 and 0.25")
        void sigmoidSaturates(DType dtype) {
            Tensor x = tensor(new double[] {1000, -1000, 0}, 1, 3, dtype);
            Tensor y = nanTensor(1, 3, dtype);
            backend.unary(UnaryOp.SIGMOID, x, y);
            assertExactly("sigmoid", new double[] {1, 0, 0.5}, y);
            Tensor dx = nanTensor(1, 3, dtype);
            backend.unaryBackward(UnaryOp.SIGMOID, x, y, tensor(new double[] {1, 1, 1}, 1, 3, dtype), dx);
            assertExactly("sigmoid'", new double[] {0, 0, 0.25}, dx);
        }
    }

    // ================================================================ binary

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

    @Nested
    @DisplayName("binary follows BinaryOp's apply")
    class Binary {
        @ParameterizedTest(name = "{0} {1} {2}")
        @MethodSource(SOURCES + "binaryCases")
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

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "binaryOpsAndDTypes")
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

    // ================================================================ affine, scale, axpy

    @Nested
    @DisplayName("affine, scale and axpy are the BLAS-1 style updates")
    class Affine {
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource(SOURCES + "dtypesAndShapes")
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
        @MethodSource(SOURCES + "dtypesAndShapes")
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
        @MethodSource(SOURCES + "dtypesAndShapes")
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

    // ================================================================ sequences

    @Nested
    @DisplayName("Many operations in a row on the same preallocated buffers")
    class Sequences {
        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("five training steps of a softmax layer, every result checked against the oracle")
        void trainingSteps(DType dtype) {
            SplittableRandom rnd = random("trainingSteps", dtype);
            int n = 64;
            int in = 20;
            int out = 10;
            double[] x = uniform(rnd, n * in, 0, 1, dtype);
            double[] y = new double[n * out];
            for (int r = 0; r < n; r++) {
                y[r * out + rnd.nextInt(out)] = 1;
            }
            Tensor tx = tensor(x, n, in, dtype);
            Tensor ty = tensor(y, n, out, dtype);
            Tensor w = tensor(uniform(rnd, in * out, -0.1, 0.1, dtype), in, out, dtype);
            Tensor b = backend.zeros(1, out, dtype);
            Tensor z = backend.zeros(n, out, dtype);
            Tensor p = backend.zeros(n, out, dtype);
            Tensor dz = backend.zeros(n, out, dtype);
            Tensor dw = backend.zeros(in, out, dtype);
            Tensor db = backend.zeros(1, out, dtype);
            Tolerance tol = Tolerance.of(dtype);
            double[] ax = Reference.abs(x);
            double lr = 0.5;
            for (int step = 0; step < 5; step++) {
                // Each check feeds the oracle what the backend's inputs hold now, so float32 rounding
                // does not compound across steps while stale or misplaced writes still show up.
                String at = "step " + step + ": ";
                double[] wv = w.toDoubleArray();
                double[] bv = b.toDoubleArray();
                backend.gemm(false, false, 1, tx, w, 0, z);
                assertClose(at + "Z = X·W", Reference.gemm(false, false, 1, x, n, in, wv, in, out, 0, null),
                        Reference.gemm(false, false, 1, ax, n, in, Reference.abs(wv), in, out, 0, null), z, tol);
                double[] zv = z.toDoubleArray();
                backend.addRowVector(z, b, z);
                assertClose(at + "Z += b", Reference.addRowVector(zv, n, out, bv),
                        Reference.addRowVector(Reference.abs(zv), n, out, Reference.abs(bv)), z, tol);
                zv = z.toDoubleArray();
                backend.softmaxRows(z, p);
                assertClose(at + "P = softmax(Z)", Reference.softmaxRows(zv, n, out), null, p, tol);
                double[] pv = p.toDoubleArray();
                backend.binary(BinaryOp.SUB, p, ty, dz);
                assertClose(at + "dZ = P - Y", Reference.binary(BinaryOp.SUB, pv, y),
                        Reference.binary(BinaryOp.ADD, pv, y), dz, tol);
                double[] dzv = dz.toDoubleArray();
                backend.gemm(true, false, 1.0 / n, tx, dz, 0, dw);
                assertClose(at + "dW = Xᵀ·dZ / n", Reference.gemm(true, false, 1.0 / n, x, n, in, dzv, n, out, 0, null),
                        Reference.gemm(true, false, 1.0 / n, ax, n, in, Reference.abs(dzv), n, out, 0, null), dw, tol);
                backend.sumColumns(dz, db);
                assertClose(at + "db = Σ dZ", Reference.sumColumns(dzv, n, out),
                        Reference.sumColumns(Reference.abs(dzv), n, out), db, tol);
                double[] dwv = dw.toDoubleArray();
                double[] dbv = db.toDoubleArray();
                backend.axpy(-lr, dw, w);
                backend.axpy(-lr, db, b);
                assertClose(at + "W -= lr·dW", Reference.axpy(-lr, dwv, wv),
                        Reference.axpy(lr, Reference.abs(dwv), Reference.abs(wv)), w, tol);
                assertClose(at + "b -= lr·db", Reference.axpy(-lr, dbv, bv),
                        Reference.axpy(lr, Reference.abs(dbv), Reference.abs(bv)), b, tol);
            }
            assertUnchanged("X after five steps", x, tx);
            assertUnchanged("Y after five steps", y, ty);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(DType.class)
        @DisplayName("one output reused by different operations holds only the latest result")
        void reuseOneOutput(DType dtype) {
            SplittableRandom rnd = random("reuse", dtype);
            double[] a = uniform(rnd, 7 * 13, -2, 2, dtype);
            double[] b = uniform(rnd, 7 * 13, -2, 2, dtype);
            Tensor ta = tensor(a, 7, 13, dtype);
            Tensor tb = tensor(b, 7, 13, dtype);
            Tensor out = backend.zeros(7, 13, dtype);
            Tolerance tol = Tolerance.of(dtype);
            for (int round = 0; round < 3; round++) {
                backend.binary(BinaryOp.MUL, ta, tb, out);
                assertClose("mul", Reference.binary(BinaryOp.MUL, a, b), null, out, tol);
                backend.unary(UnaryOp.TANH, ta, out);
                assertClose("tanh", Reference.unary(UnaryOp.TANH, a), null, out, tol);
                backend.softmaxRows(tb, out);
                assertClose("softmax", Reference.softmaxRows(b, 7, 13), null, out, tol);
                backend.gemm(false, true, 1, ta, tb, 0, backend.zeros(7, 7, dtype));
                backend.copy(ta, out);
                assertExactly("copy", a, out);
            }
        }
    }

    // ================================================================ errors

    @Nested
    @DisplayName("Mismatched operands are rejected, naming the operation and shapes, before anything is written")
    class Errors {
        private static final DType F32 = DType.FLOAT32;

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
        @MethodSource(SOURCES + "transposes")
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
        @MethodSource(SOURCES + "transposes")
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
}
