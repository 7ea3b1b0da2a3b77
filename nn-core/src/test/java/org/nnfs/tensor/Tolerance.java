package org.nnfs.tensor;

/**
 * How far a backend's result may be from the {@link Reference} value: an element passes when
 * {@code |actual - expected| <= absolute + relative · max(|expected|, scale)}.
 *
 * <p>{@code scale} is the magnitude of the terms that produced the value, for example
 * {@code |alpha| · Σ_k |a_ik · b_kj| + |beta · c_ij|} for GEMM. Rounding error in a sum is proportional
 * to that magnitude, not to the (possibly cancelled) result, so judging against it lets one tolerance
 * serve a dot product of length 1 and of length 785 without hiding real mistakes: a wrong index or a
 * dropped term is off by a sizeable fraction of the scale, many orders above these bounds.
 *
 * <p>The inputs of every test are exactly representable in the tensor's type (the oracle sees the same
 * numbers as the backend), so these bounds only cover the backend's own arithmetic:
 * <ul>
 *   <li>float32: {@code relative = 1e-5}, {@code absolute = 1e-6}. The unit roundoff is 6e-8; summing
 *       K = 785 terms in float costs about {@code sqrt(K) · 6e-8 ≈ 2e-6} of the scale in practice
 *       (worst case {@code K · 6e-8 ≈ 5e-5}, never approached with random signs). The absolute part
 *       covers results that are differences of nearly equal floats, e.g. {@code 1 - y²} for a tanh
 *       derivative computed from x instead of from y.</li>
 *   <li>float64: {@code relative = 1e-12}, {@code absolute = 1e-13}: the same reasoning with a unit
 *       roundoff of 1.1e-16, plus headroom for libraries whose exp/tanh are a few ulps off.</li>
 * </ul>
 *
 * @param relative bound relative to {@code max(|expected|, scale)}
 * @param absolute bound for values near zero
 */
public record Tolerance(double relative, double absolute) {
    /** For {@link DType#FLOAT32} results. */
    public static final Tolerance FLOAT32 = new Tolerance(1e-5, 1e-6);
    /** For {@link DType#FLOAT64} results. */
    public static final Tolerance FLOAT64 = new Tolerance(1e-12, 1e-13);

    /** The tolerance for results of this element type. */
    public static Tolerance of(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    /** The largest allowed {@code |actual - expected|} for one element. */
    public double allowed(double expected, double scale) {
        return absolute + relative * Math.max(Math.abs(expected), Math.abs(scale));
    }

    /** The same bounds multiplied by {@code factor}, for results that chain several rounded steps. */
    public Tolerance times(double factor) {
        return new Tolerance(relative * factor, absolute * factor);
    }

    @Override
    public String toString() {
        return relative == 0 && absolute == 0 ? "exact" : "rel " + relative + ", abs " + absolute;
    }
}
