package org.nnfs.model;

/**
 * Normalization as plain Java on row-major {@code double[]} arrays: the definitions the layers' outputs
 * are checked against, one loop per formula.
 */
final class LayerReference {
    private LayerReference() {
    }

    /** {@code n} ones. */
    static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    /** The mean of each column of a {@code rows × cols} array. */
    static double[] columnMeans(double[] x, int rows, int cols) {
        double[] mean = new double[cols];
        for (int i = 0; i < x.length; i++) {
            mean[i % cols] += x[i] / rows;
        }
        return mean;
    }

    /** The biased variance (divided by {@code rows}) of each column around {@code mean}. */
    static double[] columnVariances(double[] x, int rows, int cols, double[] mean) {
        double[] variance = new double[cols];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[i % cols];
            variance[i % cols] += d * d / rows;
        }
        return variance;
    }

    /** {@code gamma[c]·(x[r][c] - mean[c]) / sqrt(variance[c] + epsilon) + beta[c]}. */
    static double[] normalize(double[] x, int rows, int cols, double[] mean, double[] variance, double epsilon,
                              double[] gamma, double[] beta) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % cols;
            y[i] = gamma[c] * (x[i] - mean[c]) / Math.sqrt(variance[c] + epsilon) + beta[c];
        }
        return y;
    }
}
