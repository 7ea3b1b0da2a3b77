package org.nnfs.bench;

import java.util.SplittableRandom;

import org.nnfs.data.Dataset;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Seeded synthetic data shaped like MNIST, so benchmarks need no files and every backend gets the same
 * numbers. Timings of dense kernels do not depend on the values, only on their being ordinary
 * (finite, not subnormal), which uniform values guarantee.
 */
public final class Synthetic {

    private Synthetic() {
    }

    /** {@code count} values uniform in {@code [lo, hi)}. */
    public static float[] uniform(int count, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return values;
    }

    /** A {@code [rows, cols]} tensor of values uniform in {@code [-1, 1)}. */
    public static Tensor tensor(Backend backend, int rows, int cols, DType dtype, long seed) {
        return backend.fromArray(uniform(rows * cols, -1, 1, seed), rows, cols, dtype);
    }

    /** {@code count} labels uniform in {@code [0, classes)}. */
    public static int[] labels(int count, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    /** A {@code [rows, classes]} one-hot target tensor for random labels. */
    public static Tensor oneHot(Backend backend, int rows, int classes, DType dtype, long seed) {
        int[] labels = labels(rows, classes, seed);
        float[] values = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            values[r * classes + labels[r]] = 1;
        }
        return backend.fromArray(values, rows, classes, dtype);
    }

    /** A {@code [rows, classes]} tensor whose rows are probability distributions (softmax outputs). */
    public static Tensor probabilities(Backend backend, int rows, int classes, DType dtype, long seed) {
        float[] values = uniform(rows * classes, 0.01, 1, seed);
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += values[r * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                values[r * classes + c] /= sum;
            }
        }
        return backend.fromArray(values, rows, classes, dtype);
    }

    /**
     * An MNIST-shaped classification set: {@code rows} examples of 784 pixels in {@code [0, 1)} and
     * labels in {@code [0, 10)}.
     */
    public static Dataset mnistLike(Backend backend, DType dtype, int rows, long seed) {
        float[] pixels = uniform(rows * Mlp.inputs(), 0, 1, seed);
        return Dataset.classification(backend, dtype, pixels, rows, Mlp.inputs(),
                labels(rows, Mlp.classes(), seed + 1), Mlp.classes());
    }

    /** A random permutation of {@code 0 .. n-1} (a shuffled epoch order). */
    public static int[] permutation(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
