package org.nnfs.tensor;

/**
 * The standard normal distribution function {@code Φ(x)} and density {@code φ(x)}: the definition of
 * {@link UnaryOp#GELU} ({@code x·Φ(x)}), shared by its specification and by every backend's kernels so
 * that they compute the same series. Java has no {@code erf}, and a kernel needs a form without branches
 * that vectorises, so {@code Φ} is evaluated through the complementary error function as
 *
 * <pre>
 *   Φ(x) = ½·erfc(z) for x ≤ 0, 1 - ½·erfc(z) for x > 0, with z = |x|/√2,
 *   erfc(z) = t·exp(-z² + Σₖ cₖ·Tₖ(2t - 1)),  t = 2/(2 + z),
 * </pre>
 *
 * a Chebyshev series in {@code t} (the form of Numerical Recipes' {@code erfccheb}) of a function that is
 * smooth on all of {@code z ≥ 0}. Its coefficients ({@link #erfcSeries}) were computed with mpmath at 50
 * digits by Gauss-Chebyshev quadrature of {@code log(erfc(z)/t) + z²} at 200 nodes. With all 28 terms,
 * {@code Φ} is within 2e-14 of the true value, relative, for {@code x ≥ -10}, and within 1e-12 below
 * (where {@code Φ < 1e-23}, the rounding of {@code z²} inside the exponential dominates); 14 terms give
 * 4e-9, enough for float32. {@code StandardNormalTest} checks both against 40-digit values.
 */
public final class StandardNormal {
    /** Chebyshev coefficients of {@code log(erfc(z)/t) + z²} in {@code u = 2t - 1}, the first one halved. */
    private static final double[] ERFC_SERIES = {
        -6.5132685989085472e-1, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.5615147868086316e-3,
        -9.4659534448203687e-4, 3.6683949785276145e-4, 4.2523324806907772e-5, -2.0278578112534243e-5,
        -1.6242900046470255e-6, 1.3036558355805232e-6, 1.5626441722066143e-8, -8.5238095914926543e-8,
        6.5290544390988515e-9, 5.0593434955514689e-9, -9.9136415649303309e-10, -2.2736512229318359e-10,
        9.6467911020155268e-11, 2.3940380830391147e-12, -6.8860275264975534e-12, 8.9448792730907257e-13,
        3.1309213993429581e-13, -1.1270822361367252e-13, 3.8109052551892321e-16, 7.1060976136092370e-15,
        -1.5230282014571043e-15, -9.4574945712912340e-17, 1.2102371892242790e-16, -2.8166630877471770e-17,
    };
    /** Terms a float32 kernel needs: the rest add less than float32's rounding. */
    private static final int FLOAT32_TERMS = 14;

    /** {@code 1/√2}: {@code z = |x|·(1/√2)}. */
    public static final double SQRT_HALF = 0.7071067811865476;
    /** {@code 1/√(2π)}, the density's factor. */
    public static final double INV_SQRT_2PI = 0.3989422804014327;

    private StandardNormal() {
    }

    /** {@code Φ(x)}, the probability that a standard normal variable is at most {@code x}. */
    public static double cdf(double x) {
        return cdf(x, ERFC_SERIES.length);
    }

    /**
     * {@link #cdf(double)} to the precision of {@code dtype}: the terms {@link #erfcSeries} gives it, so a
     * float32 kernel does not pay for digits its result cannot hold (14 terms instead of 28).
     */
    public static double cdf(double x, DType dtype) {
        return cdf(x, terms(dtype));
    }

    private static double cdf(double x, int terms) {
        double z = Math.abs(x) * SQRT_HALF;
        double t = 2 / (2 + z);
        double u = 2 * t - 1;
        // Clenshaw's recurrence for Σ cₖ·Tₖ(u).
        double b1 = 0;
        double b2 = 0;
        for (int k = terms - 1; k > 0; k--) {
            double b = 2 * u * b1 - b2 + ERFC_SERIES[k];
            b2 = b1;
            b1 = b;
        }
        double halfErfc = 0.5 * t * Math.exp(u * b1 - b2 + ERFC_SERIES[0] - z * z);
        return x > 0 ? 1 - halfErfc : halfErfc;
    }

    /** {@code φ(x) = e^(-x²/2) / √(2π)}, the derivative of {@link #cdf}. */
    public static double density(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /**
     * The coefficients {@link #cdf} sums, first to last, for a kernel that evaluates the same series in
     * vector lanes: all 28 for float64, the first 14 for float32. A new array on every call.
     */
    public static double[] erfcSeries(DType dtype) {
        return java.util.Arrays.copyOf(ERFC_SERIES, terms(dtype));
    }

    private static int terms(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32_TERMS : ERFC_SERIES.length;
    }
}
