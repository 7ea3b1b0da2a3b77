package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link StandardNormal} against values of {@code Φ} computed independently, with mpmath's {@code ncdf} at
 * 40 digits ({@code mpmath.ncdf(x)} for each x below, printed to 20 digits).
 */
class StandardNormalTest {
    /** {x, Φ(x)}. */
    private static final double[][] CDF = {
        {-37.5, 4.6053530095819548438e-308}, {-30.0, 4.9067139271481870595e-198}, {-20.0, 2.7536241186062336951e-89},
        {-12.0, 1.7764821120776789977e-33}, {-10.0, 7.619853024160526066e-24}, {-8.0, 6.2209605742717841235e-16},
        {-6.0, 9.865876450376981407e-10}, {-5.0, 2.8665157187919391167e-7}, {-4.0, 3.1671241833119921254e-5},
        {-3.0, 1.3498980316300945267e-3}, {-2.5, 6.209665325776135167e-3}, {-2.0, 2.27501319481792072e-2},
        {-1.5, 6.6807201268858066004e-2}, {-1.0, 1.5865525393145705141e-1}, {-0.75, 2.2662735237686819933e-1},
        {-0.5, 3.0853753872598689636e-1}, {-0.25, 4.0129367431707627576e-1}, {-0.1, 4.6017216272297101633e-1},
        {-0.001, 4.9960105778608893741e-1}, {-1e-08, 4.9999999601057719599e-1}, {0.0, 5.0e-1},
        {1e-08, 5.0000000398942280401e-1}, {0.001, 5.0039894221391106259e-1}, {0.1, 5.3982783727702898367e-1},
        {0.25, 5.9870632568292372424e-1}, {0.5, 6.9146246127401310364e-1}, {1.0, 8.4134474606854294859e-1},
        {1.5, 9.33192798731141934e-1}, {2.0, 9.772498680518207928e-1}, {3.0, 9.9865010196836990547e-1},
        {4.0, 9.9996832875816688008e-1}, {5.0, 9.9999971334842812081e-1}, {6.0, 9.9999999901341235496e-1},
        {8.0, 9.999999999999993779e-1},
    };

    /** The relative error {@code cdf} is documented to stay within at {@code x}. */
    private static double bound(double x) {
        return x >= -10 ? 2e-14 : 1e-12;
    }

    @Test
    @DisplayName("cdf matches 40-digit values of Φ from -37.5 to 8, relative error below 2e-14 above -10")
    void cdfMatchesHighPrecisionValues() {
        for (double[] p : CDF) {
            double error = Math.abs(StandardNormal.cdf(p[0]) - p[1]) / p[1];
            assertTrue(error <= bound(p[0]), "Φ(" + p[0] + "): " + StandardNormal.cdf(p[0]) + " vs " + p[1]
                    + ", relative error " + error);
        }
    }

    @Test
    @DisplayName("the float32 series, 14 terms, is within 1e-8 of Φ: below float32's rounding")
    void float32SeriesIsEnough() {
        double[] c = StandardNormal.erfcSeries(DType.FLOAT32);
        assertEquals(14, c.length);
        assertEquals(28, StandardNormal.erfcSeries(DType.FLOAT64).length);
        for (double[] p : CDF) {
            double x = p[0];
            double z = Math.abs(x) * StandardNormal.SQRT_HALF;
            double t = 2 / (2 + z);
            double u = 2 * t - 1;
            double b1 = 0;
            double b2 = 0;
            for (int k = c.length - 1; k > 0; k--) {
                double b = 2 * u * b1 - b2 + c[k];
                b2 = b1;
                b1 = b;
            }
            double half = 0.5 * t * Math.exp(u * b1 - b2 + c[0] - z * z);
            double phi = x > 0 ? 1 - half : half;
            double error = Math.abs(phi - p[1]) / p[1];
            assertTrue(error <= 1e-8, "Φ(" + x + ") from 14 terms: relative error " + error);
            // The scalar form a float32 kernel calls sums the same terms in the same order.
            assertEquals(phi, StandardNormal.cdf(x, DType.FLOAT32), "cdf(" + x + ", FLOAT32)");
            assertEquals(StandardNormal.cdf(x), StandardNormal.cdf(x, DType.FLOAT64), "cdf(" + x + ", FLOAT64)");
        }
    }

    @Test
    @DisplayName("the density is e^(-x²/2)/√(2π), symmetric, and Φ(-x) = 1 - Φ(x)")
    void densityAndSymmetry() {
        assertEquals(0.3989422804014327, StandardNormal.density(0), 1e-17);
        assertEquals(0.24197072451914335, StandardNormal.density(1), 1e-16); // mpmath.npdf(1)
        for (double x = 0; x < 6; x += 0.37) {
            assertEquals(StandardNormal.density(x), StandardNormal.density(-x));
            assertEquals(1, StandardNormal.cdf(x) + StandardNormal.cdf(-x), 1e-15);
        }
        assertEquals(0.5, StandardNormal.cdf(-0.0), 1e-16);
        assertEquals(1.0, StandardNormal.cdf(40));
        assertEquals(0.0, StandardNormal.cdf(-40));
    }
}
