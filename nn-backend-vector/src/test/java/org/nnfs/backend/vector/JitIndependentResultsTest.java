package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

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

    @Test
    @DisplayName("float32: softmax, sigmoid, tanh, exp, log and GELU (and their backward passes) never change their bits")
    void float32() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[ROWS * COLS];
        float[] dy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble(-6, 6));
            dy[i] = (float) random.nextDouble(-1, 1);
        }
        float[] positive = x.clone();
        for (int i = 0; i < positive.length; i++) {
            positive[i] = Math.abs(positive[i]) + 1e-3f;
        }
        float[] first = new float[x.length];
        float[] out = new float[x.length];
        FloatKernels.softmaxRows(x, COLS, first);
        for (int call = 1; call < CALLS; call++) {
            FloatKernels.softmaxRows(x, COLS, out);
            assertArrayEquals(first, out, "softmax, call " + call);
        }
        for (UnaryOp op : TRANSCENDENTAL) {
            float[] in = op == UnaryOp.LOG ? positive : x;
            FloatKernels.unary(op, in, first);
            float[] firstBackward = new float[x.length];
            FloatKernels.unaryBackward(op, in, first, dy, firstBackward);
            float[] backward = new float[x.length];
            for (int call = 1; call < CALLS; call++) {
                FloatKernels.unary(op, in, out);
                assertArrayEquals(first, out, op + ", call " + call);
                FloatKernels.unaryBackward(op, in, out, dy, backward);
                assertArrayEquals(firstBackward, backward, op + " backward, call " + call);
            }
        }
    }

    @Test
    @DisplayName("float64: the same")
    void float64() {
        SplittableRandom random = new SplittableRandom(4);
        double[] x = new double[ROWS * COLS];
        double[] dy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-6, 6);
            dy[i] = random.nextDouble(-1, 1);
        }
        double[] positive = Arrays.stream(x).map(v -> Math.abs(v) + 1e-3).toArray();
        double[] first = new double[x.length];
        double[] out = new double[x.length];
        DoubleKernels.softmaxRows(x, COLS, first);
        for (int call = 1; call < CALLS; call++) {
            DoubleKernels.softmaxRows(x, COLS, out);
            assertArrayEquals(first, out, "softmax, call " + call);
        }
        for (UnaryOp op : TRANSCENDENTAL) {
            double[] in = op == UnaryOp.LOG ? positive : x;
            DoubleKernels.unary(op, in, first);
            double[] firstBackward = new double[x.length];
            DoubleKernels.unaryBackward(op, in, first, dy, firstBackward);
            double[] backward = new double[x.length];
            for (int call = 1; call < CALLS; call++) {
                DoubleKernels.unary(op, in, out);
                assertArrayEquals(first, out, op + ", call " + call);
                DoubleKernels.unaryBackward(op, in, out, dy, backward);
                assertArrayEquals(firstBackward, backward, op + " backward, call " + call);
            }
        }
    }
}
