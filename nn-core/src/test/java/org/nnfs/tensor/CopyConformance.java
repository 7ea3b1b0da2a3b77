package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.representable;
import static org.nnfs.tensor.TestData.uniform;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "Allocation and copies keep values exactly"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class CopyConformance extends ConformanceGroup {
    CopyConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("zeros() is all zeros")
    void zeros(DType dtype, Shape s) {
        assertExactly("zeros", new double[s.size()], backend.zeros(s.rows(), s.cols(), dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("fromArray(double[]) stores the values, rounded to float for float32")
    void fromDoubleArray(DType dtype, Shape s) {
        double[] v = uniform(random("fromDoubleArray", dtype, s), s.size(), -10, 10, DType.FLOAT64);
        Tensor t = backend.fromArray(v, s.rows(), s.cols(), dtype);
        assertTrue(t.hasShape(s.rows(), s.cols()));
        assertEquals(dtype, t.dtype());
        assertArrayEquals(representable(v, dtype), t.toDoubleArray());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
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
    @DisplayName("copyRowsFrom(float[] and double[]) fills the rows it names and leaves the others alone")
    void copyRowsFrom(DType dtype) {
        int rows = 7;
        int cols = 13;
        int offset = 4;
        double[] before = uniform(random("copyRowsFrom", dtype), rows * cols, -5, 5, dtype);
        double[] src = uniform(random("copyRowsFromSource", dtype), offset + 3 * cols + 2, -5, 5, DType.FLOAT32);
        Tensor t = tensor(before, rows, cols, dtype);

        backend.copyRowsFrom(src, offset, t, 2, 3);
        double[] expected = before.clone();
        System.arraycopy(src, offset, expected, 2 * cols, 3 * cols);
        assertExactly("copyRowsFrom(double[], 4, t, 2, 3)", expected, t);

        float[] floats = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            floats[i] = (float) -src[i];
        }
        backend.copyRowsFrom(floats, offset, t, rows - 2, 2); // the last rows
        for (int i = 0; i < 2 * cols; i++) {
            expected[(rows - 2) * cols + i] = -src[offset + i];
        }
        assertExactly("copyRowsFrom(float[], 4, t, 5, 2)", expected, t);

        backend.copyRowsFrom(floats, 0, t, 0, 1); // the first row
        for (int i = 0; i < cols; i++) {
            expected[i] = -src[i];
        }
        assertExactly("copyRowsFrom(float[], 0, t, 0, 1)", expected, t);
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
    @MethodSource("dtypesAndShapes")
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
