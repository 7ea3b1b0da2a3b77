package org.nnfs.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Reproducible test data: generators seeded by the test's own name and parameters, and values that are
 * exactly representable in a tensor's element type (so the {@link Reference} oracle sees the very numbers
 * the backend holds, and only the backend's arithmetic is judged).
 */
public final class TestData {
    private TestData() {
    }

    /** A generator seeded from {@code key} (test name and parameters): reproducible, distinct per test. */
    public static SplittableRandom random(Object... key) {
        // String.hashCode is specified, so the seed is the same on every JVM.
        return new SplittableRandom(Arrays.deepToString(key).hashCode());
    }

    /** {@code n} uniform values in {@code [lo, hi)}, each exactly representable in {@code dtype}. */
    public static double[] uniform(SplittableRandom rnd, int n, double lo, double hi, DType dtype) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return representable(v, dtype);
    }

    /** {@code v} rounded to what a {@code dtype} tensor holds (float32 rounds; float64 is unchanged). */
    public static double[] representable(double[] v, DType dtype) {
        return dtype == DType.FLOAT32 ? Reference.roundToFloat(v) : v.clone();
    }
}
