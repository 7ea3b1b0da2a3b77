package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.representable;
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
 * The conformance group "unary and unaryBackward follow UnaryOp's apply and derivative"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class UnaryConformance extends ConformanceGroup {
    UnaryConformance(BackendConformanceTest suite) {
        super(suite);
    }

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
            case GELU:
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
            out.add(Arguments.of(UnaryOp.GELU, d, new double[] {0, -0.0, 1, -1, 10, -10, 40, -40, 1000, -1000, 1e-30}));
            out.add(Arguments.of(UnaryOp.EXP, d, new double[] {0, 1, -1, -1000, 10, -10}));
            out.add(Arguments.of(UnaryOp.LOG, d, new double[] {1, 2, 0.5, 1e-3, 1000, Math.E}));
            // Not 0: sqrt'(0) is infinite.
            out.add(Arguments.of(UnaryOp.SQRT, d, new double[] {1, 4, 2, 1e-6, 1e6}));
            out.add(Arguments.of(UnaryOp.SQUARE, d, new double[] {0, -3, 3, 0.5, -1e3}));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("unaryCases")
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
    @MethodSource("unaryCases")
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
    @MethodSource("unaryOpsAndDTypes")
    @DisplayName("unary in place (out == a)")
    void forwardInPlace(UnaryOp op, DType dtype) {
        double[] d = domain(op);
        double[] a = uniform(random("unaryInPlace", op, dtype), 7 * 13, d[0], d[1], dtype);
        Tensor t = tensor(a, 7, 13, dtype);
        backend.unary(op, t, t);
        assertClose("unary " + op + " in place", Reference.unary(op, a), null, t, Tolerance.of(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unaryOpsAndDTypes")
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
    @MethodSource("unarySpecialValues")
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("GELU is exact, x·Φ(x): gelu(1) = Φ(1), gelu(-1) = -Φ(-1), gelu(2) = 2·Φ(2); gelu'(1) = Φ(1) + φ(1)")
    void geluWellKnownValues(DType dtype) {
        Tolerance tol = Tolerance.of(dtype);
        // mpmath at 40 digits: x·ncdf(x), and ncdf(x) + x·npdf(x).
        check(UnaryOp.GELU, dtype, new double[] {0, 1, -1, 2, 0.5},
                new double[] {0, 0.84134474606854294859, -0.15865525393145705141, 1.9544997361036415856,
                    0.34573123063700655182}, tol);
        Tensor x = tensor(new double[] {1, -1, 2, 0.5}, 1, 4, dtype);
        Tensor y = nanTensor(1, 4, dtype);
        backend.unary(UnaryOp.GELU, x, y);
        Tensor dx = nanTensor(1, 4, dtype);
        backend.unaryBackward(UnaryOp.GELU, x, y, tensor(new double[] {1, 1, 1, 1}, 1, 4, dtype), dx);
        assertClose("gelu'", new double[] {1.0833154705876862984, -0.083315470587686298383, 1.0852318010781968967,
            0.86749512465616284253}, null, dx, tol);
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
