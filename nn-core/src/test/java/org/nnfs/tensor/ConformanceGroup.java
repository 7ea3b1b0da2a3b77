package org.nnfs.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * What every group of {@link BackendConformanceTest} shares: the backend under test, a foreign backend,
 * helpers that make tensors on the backend, and the common parameter sources (named by their simple name
 * in {@code @MethodSource}: JUnit finds these static methods in the group's superclass).
 *
 * <p>Data generation lives in {@link TestData} and comparison in {@link TensorAssertions}, so that other
 * suites share them.
 */
abstract class ConformanceGroup {
    /** Odd and degenerate shapes: a scalar, a row, a column, an odd rectangle and an MNIST-sized one. */
    static final List<Shape> SHAPES = List.of(
            new Shape(1, 1), new Shape(1, 13), new Shape(13, 1), new Shape(7, 13), new Shape(513, 785));

    /** The backend under test, created once per concrete suite. */
    protected final Backend backend;
    /** A second, distinct backend instance whose tensors every operation must refuse. */
    protected final Backend foreign;

    ConformanceGroup(BackendConformanceTest suite) {
        this.backend = suite.backend();
        this.foreign = suite.foreign();
    }

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
}
