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

/**
 * The conformance group "Many operations in a row on the same preallocated buffers"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class SequenceConformance extends ConformanceGroup {
    SequenceConformance(BackendConformanceTest suite) {
        super(suite);
    }

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
