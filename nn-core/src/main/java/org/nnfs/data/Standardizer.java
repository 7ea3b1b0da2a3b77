package org.nnfs.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.nnfs.internal.Batches;
import org.nnfs.layer.Rescale;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Per-feature scaling fitted on training data: {@code (x - center) · scale}, with mean and standard
 * deviation ({@link #meanStd}, like scikit-learn's {@code StandardScaler}) or minimum and range
 * ({@link #minMax}, like its {@code MinMaxScaler}). It lives in the model, as a first {@link Rescale}
 * layer, so the model file keeps it and every prediction and evaluation applies it:
 *
 * <pre>{@code
 * Standardizer standardizer = Standardizer.meanStd(train);      // fitted on the training set only
 * Sequential model = Sequential.builder(train.inputSize())
 *         .add(new Rescale()).dense(64).relu().dense(3).softmax()
 *         .build(backend);
 * standardizer.copyInto(model);                                 // the first layer now standardises
 * }</pre>
 *
 * <p>A feature that is constant in the training data gets scale 1 (it is only centred), as in
 * scikit-learn. Statistics are computed in double precision.
 */
public final class Standardizer {
    /** Rows copied from the backend at a time while fitting a {@link Dataset}. */
    private static final int CHUNK = 1024;

    private final double[] center;
    private final double[] scale;

    private Standardizer(double[] center, double[] scale) {
        this.center = center;
        this.scale = scale;
    }

    /** Centers on each feature's mean and divides by its (population) standard deviation. */
    public static Standardizer meanStd(Dataset data) {
        return fit(data, true);
    }

    /** Maps each feature's minimum to 0 and its maximum to 1. */
    public static Standardizer minMax(Dataset data) {
        return fit(data, false);
    }

    /** {@link #meanStd(Dataset)} of {@code rows} examples of {@code cols} features, row-major. */
    public static Standardizer meanStd(float[] features, int rows, int cols) {
        Statistics s = new Statistics(cols);
        s.add(features, checkShape(features, rows, cols));
        return s.meanStd();
    }

    /** {@link #minMax(Dataset)} of {@code rows} examples of {@code cols} features, row-major. */
    public static Standardizer minMax(float[] features, int rows, int cols) {
        Statistics s = new Statistics(cols);
        s.add(features, checkShape(features, rows, cols));
        return s.minMax();
    }

    private static int checkShape(float[] features, int rows, int cols) {
        Objects.requireNonNull(features, "features");
        if (rows < 1 || cols < 1 || (long) rows * cols != features.length) {
            throw new IllegalArgumentException("standardizer: " + features.length + " values are not " + rows
                    + " rows of " + cols + " features");
        }
        return rows;
    }

    private static Standardizer fit(Dataset data, boolean meanStd) {
        Statistics s = new Statistics(data.inputSize());
        Backend backend = data.backend();
        Batches batches = new Batches(data);
        int[] order = Batches.identity(data.size());
        float[] host = new float[Math.min(CHUNK, data.size()) * data.inputSize()];
        for (int from = 0; from < data.size(); from += CHUNK) {
            int rows = Math.min(CHUNK, data.size() - from);
            Tensor chunk = batches.features(order, from, rows);
            float[] values = rows * data.inputSize() == host.length ? host : new float[rows * data.inputSize()];
            backend.copyTo(chunk, values);
            s.add(values, rows);
        }
        return meanStd ? s.meanStd() : s.minMax();
    }

    /** The value subtracted from each feature (a copy). */
    public double[] center() {
        return center.clone();
    }

    /** The factor each centred feature is multiplied by (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    /** Features per example. */
    public int width() {
        return center.length;
    }

    /**
     * Writes the center and scale into the model's first layer, which must be a {@link Rescale} of this
     * width (its offset becomes 0).
     *
     * @throws IllegalArgumentException naming the first layer or the widths when they do not fit
     */
    public void copyInto(Sequential model) {
        if (!(model.layers().get(0) instanceof Rescale)) {
            throw new IllegalArgumentException("the model's first layer is " + model.layers().get(0)
                    + ", not " + new Rescale() + ": build it with add(new Rescale()) first");
        }
        if (model.inputSize() != width()) {
            throw new IllegalArgumentException("the standardizer was fitted on " + width() + " features, but the model "
                    + "takes " + model.inputSize());
        }
        List<ModelTensor> tensors = model.tensors();
        Backend backend = model.backend();
        for (ModelTensor t : tensors) {
            if (t.layer() != 0) {
                break;
            }
            switch (t.spec().name()) {
                case "center" -> backend.copyFrom(center, t.value());
                case "scale" -> backend.copyFrom(scale, t.value());
                default -> backend.fill(0, t.value());
            }
        }
    }

    @Override
    public String toString() {
        return "Standardizer of " + width() + " features";
    }

    /** Running sums, minima and maxima per feature, in double precision (Welford for the variance). */
    private static final class Statistics {
        private final int cols;
        private final double[] mean;
        private final double[] squares;
        private final double[] min;
        private final double[] max;
        private long count;

        Statistics(int cols) {
            this.cols = cols;
            mean = new double[cols];
            squares = new double[cols];
            min = new double[cols];
            max = new double[cols];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(float[] values, int rows) {
            for (int r = 0; r < rows; r++) {
                count++;
                for (int c = 0, i = r * cols; c < cols; c++, i++) {
                    double x = values[i];
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("standardizer: feature " + c + " of example " + (count - 1)
                                + " is " + x);
                    }
                    double delta = x - mean[c];
                    mean[c] += delta / count;
                    squares[c] += delta * (x - mean[c]);
                    min[c] = Math.min(min[c], x);
                    max[c] = Math.max(max[c], x);
                }
            }
        }

        Standardizer meanStd() {
            double[] scale = new double[cols];
            for (int c = 0; c < cols; c++) {
                double std = Math.sqrt(squares[c] / count);
                scale[c] = std > 0 && Double.isFinite(1 / std) ? 1 / std : 1;
            }
            return new Standardizer(mean.clone(), scale);
        }

        Standardizer minMax() {
            double[] scale = new double[cols];
            for (int c = 0; c < cols; c++) {
                double range = max[c] - min[c];
                scale[c] = range > 0 && Double.isFinite(1 / range) ? 1 / range : 1;
            }
            return new Standardizer(min.clone(), scale);
        }
    }
}
