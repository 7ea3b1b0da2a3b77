package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;

import org.junit.jupiter.api.function.Executable;

/**
 * Assertions that compare a tensor with {@link Reference} values and, on failure, say where: the
 * operation, the first differing element with its row and column, how many elements differ, and the
 * largest difference. Shared by the backend conformance suite and the suites built on it.
 */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /** Every element of {@code actual} is within {@code tol} of {@code expected}, judged against |expected|. */
    public static void assertClose(String op, double[] expected, Tensor actual, Tolerance tol) {
        assertClose(op, expected, null, actual, tol);
    }

    /**
     * Every element of {@code actual} is within {@code tol} of {@code expected}, judged against
     * {@code max(|expected|, scale)}; see {@link Tolerance}. A {@code null} scale means |expected|.
     */
    public static void assertClose(String op, double[] expected, double[] scale, Tensor actual, Tolerance tol) {
        assertNotNull(actual, op + ": no result tensor");
        // The backend's name matters when one module runs the suite on several backends.
        assertClose(actual.backend().name() + ": " + op + " " + actual.dtype() + " " + actual.shape(), expected,
                scale, actual.toDoubleArray(), actual.cols(), tol);
    }

    /** As {@link #assertClose(String, double[], double[], Tensor, Tolerance)} on a row-major array. */
    public static void assertClose(String op, double[] expected, double[] scale, double[] actual, int cols,
                                   Tolerance tol) {
        if (expected.length != actual.length) {
            fail(op + ": expected " + expected.length + " elements but got " + actual.length);
        }
        int bad = 0;
        int first = -1;
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok;
            double excess = 0;
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                ok = Double.compare(e, a) == 0 || (Double.isNaN(e) && Double.isNaN(a));
                excess = ok ? 0 : Double.POSITIVE_INFINITY;
            } else {
                double diff = Math.abs(a - e);
                double allowed = tol.allowed(e, scale == null ? 0 : scale[i]);
                // Written so that a NaN difference fails too.
                ok = diff <= allowed;
                excess = ok ? 0 : (Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / allowed);
            }
            if (!ok) {
                bad++;
                if (first < 0) {
                    first = i;
                }
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad > 0) {
            String worstText = worst == first ? "" : "; worst " + describe(worst, cols, expected, scale, actual, tol);
            fail(String.format(Locale.ROOT, "%s: %d of %d elements differ beyond tolerance (%s); first %s%s",
                    op, bad, expected.length, tol, describe(first, cols, expected, scale, actual, tol), worstText));
        }
    }

    /** Every element equals {@code expected} exactly (NaN matches NaN; 0.0 matches -0.0). */
    public static void assertExactly(String op, double[] expected, Tensor actual) {
        assertClose(op, expected, null, actual, new Tolerance(0, 0));
    }

    /** {@code t} still holds exactly {@code before}: used to prove a rejected call wrote nothing. */
    public static void assertUnchanged(String op, double[] before, Tensor t) {
        assertExactly(op + " (must not have written to " + t.shape() + ")", before, t);
    }

    /**
     * {@code call} throws {@code type} with a message that contains {@code op} and every one of
     * {@code mentions} (typically the operands' shapes); returns the exception.
     */
    public static <T extends Throwable> T assertRejected(Class<T> type, String op, Executable call,
                                                         String... mentions) {
        T e = assertThrows(type, call, op + " should have thrown " + type.getSimpleName());
        String message = e.getMessage();
        if (message == null || !message.contains(op)) {
            fail("the message of " + e.getClass().getSimpleName() + " should name the operation '" + op
                    + "', was: " + message);
        }
        for (String m : mentions) {
            if (!message.contains(m)) {
                fail("the message of " + e.getClass().getSimpleName() + " should mention '" + m + "', was: "
                        + message);
            }
        }
        return e;
    }

    private static String describe(int i, int cols, double[] expected, double[] scale, double[] actual,
                                   Tolerance tol) {
        double s = scale == null ? 0 : scale[i];
        return String.format(Locale.ROOT, "index %d (row %d, col %d): expected %s, actual %s, |diff| %.3e, allowed %.3e",
                i, i / cols, i % cols, expected[i], actual[i], Math.abs(actual[i] - expected[i]),
                tol.allowed(expected[i], s));
    }
}
