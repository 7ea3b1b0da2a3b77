package org.nnfs.interop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison with an absolute tolerance, reporting the worst element. */
public final class Close {
    private Close() {
    }

    /** Fails unless {@code actual} has {@code expected}'s length and every element is within {@code tolerance}. */
    public static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            if (!(error <= worstError)) { // NaN counts as worst
                worst = i;
                worstError = error;
            }
        }
        if (worst >= 0 && !(worstError <= tolerance)) {
            fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst] + " (error "
                    + worstError + " > " + tolerance + ")");
        }
    }

    /** As above for float32 values. */
    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertClose(widen(expected), widen(actual), tolerance, what);
    }

    /** The values as doubles. */
    public static double[] widen(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
