package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "argmaxRows finds the first largest value of each row"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class ArgmaxConformance extends ConformanceGroup {
    ArgmaxConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
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
