package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.tensor.UnaryOp;

/**
 * The kernels whose results once depended on the JIT (the Vector API's exp, log and tanh, and its lane
 * reductions, differ in their last bits compiled and interpreted) give the same bits on every call, from the
 * first, interpreted, to the last, compiled by C2.
 */
class JitIndependentResultsTest {
    /** Enough calls over enough elements for C2 to compile each loop (on-stack or whole) well before the end. */
    private static final int CALLS = 4000;
    private static final int ROWS = 33;
    private static final int COLS = 19; // a vector or two and a tail, on every vector size
    private static final UnaryOp[] TRANSCENDENTAL = {UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.EXP, UnaryOp.LOG,
        UnaryOp.GELU};

    /** One element type's kernels on fixed inputs; {@code out()} and {@code gradient()} copy the results. */
    private interface Kernels {
        void softmax();

        void forward(UnaryOp op);

        void backward(UnaryOp op);

        Object out();

        Object gradient();
    }

    @Test
    @DisplayName("float32: softmax, sigmoid, tanh, exp, log and GELU (and their backward passes) never change their bits")
    void float32() {
        double[] x = inputs(3);
        float[] in = new float[x.length];
        float[] positive = new float[x.length];
        float[] dy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = (float) x[i];
            positive[i] = Math.abs(in[i]) + 1e-3f;
            dy[i] = (float) Math.sin(i);
        }
        float[] out = new float[x.length];
        float[] dx = new float[x.length];
        sameBitsOnEveryCall(new Kernels() {
            public void softmax() {
                FloatKernels.softmaxRows(in, COLS, out);
            }

            public void forward(UnaryOp op) {
                FloatKernels.unary(op, op == UnaryOp.LOG ? positive : in, out);
            }

            public void backward(UnaryOp op) {
                FloatKernels.unaryBackward(op, op == UnaryOp.LOG ? positive : in, out, dy, dx);
            }

            public Object out() {
                return out.clone();
            }

            public Object gradient() {
                return dx.clone();
            }
        });
    }

    @Test
    @DisplayName("float64: the same")
    void float64() {
        double[] in = inputs(4);
        double[] positive = Arrays.stream(in).map(v -> Math.abs(v) + 1e-3).toArray();
        double[] dy = new double[in.length];
        Arrays.setAll(dy, Math::sin);
        double[] out = new double[in.length];
        double[] dx = new double[in.length];
        sameBitsOnEveryCall(new Kernels() {
            public void softmax() {
                DoubleKernels.softmaxRows(in, COLS, out);
            }

            public void forward(UnaryOp op) {
                DoubleKernels.unary(op, op == UnaryOp.LOG ? positive : in, out);
            }

            public void backward(UnaryOp op) {
                DoubleKernels.unaryBackward(op, op == UnaryOp.LOG ? positive : in, out, dy, dx);
            }

            public Object out() {
                return out.clone();
            }

            public Object gradient() {
                return dx.clone();
            }
        });
    }

    private static double[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[ROWS * COLS];
        Arrays.setAll(x, i -> random.nextDouble(-6, 6));
        return x;
    }

    private static void sameBitsOnEveryCall(Kernels k) {
        sameBits("softmax", k::softmax, k::out);
        for (UnaryOp op : TRANSCENDENTAL) {
            sameBits(op.toString(), () -> k.forward(op), k::out);
            k.forward(op); // the backward pass reads the forward output
            sameBits(op + " backward", () -> k.backward(op), k::gradient);
        }
    }

    private static void sameBits(String what, Runnable call, Supplier<Object> result) {
        call.run();
        Object first = result.get();
        for (int i = 1; i < CALLS; i++) {
            call.run();
            Object now = result.get();
            // Arrays.equals on float[]/double[] compares bits (as floatToIntBits/doubleToLongBits).
            assertTrue(java.util.Objects.deepEquals(first, now), what + " changed its bits at call " + i);
        }
    }
}
