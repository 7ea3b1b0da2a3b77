package org.nnfs.data;

import java.util.Objects;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Examples for training or evaluation, held on a backend: features {@code [n, inputs]}, targets
 * {@code [n, outputs]} and, for classification, the class labels on the host (for accuracy).
 *
 * <p>Mini-batches are gathered from these tensors by index, so a dataset is uploaded once and never
 * copied again during training.
 */
public final class Dataset {
    private final Tensor features;
    private final Tensor targets;
    private final int[] labels;
    private final int classes;

    private Dataset(Tensor features, Tensor targets, int[] labels, int classes) {
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A classification dataset: {@code rows} examples of {@code cols} features (row-major in
     * {@code features}) with labels in {@code [0, classes)}; targets are the labels one-hot encoded.
     *
     * @throws IllegalArgumentException naming the first bad length or label
     */
    public static Dataset classification(Backend backend, DType dtype, float[] features, int rows, int cols,
                                         int[] labels, int classes) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (rows < 1 || cols < 1 || classes < 2) {
            throw new IllegalArgumentException("dataset needs rows >= 1, cols >= 1 and classes >= 2, got rows="
                    + rows + ", cols=" + cols + ", classes=" + classes);
        }
        if ((long) rows * cols != features.length) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature values do not make "
                    + rows + " rows of " + cols);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("dataset: " + labels.length + " labels for " + rows + " rows");
        }
        float[] oneHot = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("dataset: label " + label + " of row " + r
                        + " is outside [0, " + classes + ")");
            }
            oneHot[r * classes + label] = 1;
        }
        return new Dataset(backend.fromArray(features, rows, cols, dtype),
                backend.fromArray(oneHot, rows, classes, dtype), labels.clone(), classes);
    }

    /** A regression dataset: targets are arbitrary values, {@code targetCols} per row. */
    public static Dataset regression(Backend backend, DType dtype, float[] features, int rows, int cols,
                                     float[] targets, int targetCols) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if ((long) rows * cols != features.length || (long) rows * targetCols != targets.length) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature values and "
                    + targets.length + " target values do not make " + rows + " rows of " + cols + " and "
                    + targetCols);
        }
        return new Dataset(backend.fromArray(features, rows, cols, dtype),
                backend.fromArray(targets, rows, targetCols, dtype), null, 0);
    }

    /** Number of examples. */
    public int size() {
        return features.rows();
    }

    /** Features per example. */
    public int inputSize() {
        return features.cols();
    }

    /** Target values per example (the number of classes for classification). */
    public int outputSize() {
        return targets.cols();
    }

    /** {@code [n, inputs]} on the backend. */
    public Tensor features() {
        return features;
    }

    /** {@code [n, outputs]} on the backend (one-hot for classification). */
    public Tensor targets() {
        return targets;
    }

    /** True for a classification dataset. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Number of classes, 0 for regression. */
    public int classes() {
        return classes;
    }

    /** The label of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of the labels ({@code null} for regression). */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The backend the tensors live on. */
    public Backend backend() {
        return features.backend();
    }

    /** The first {@code n} examples as a new dataset (n is clamped to {@link #size()}). */
    public Dataset head(int n) {
        int rows = Math.min(Math.max(n, 1), size());
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return subset(order);
    }

    /**
     * The examples at {@code indices}, in that order, as a new dataset on the same backend (gathered
     * there; the host never sees the features).
     *
     * @throws IllegalArgumentException when {@code indices} is empty or holds an index outside the dataset
     */
    public Dataset subset(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("dataset subset: no indices");
        }
        int[] l = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("dataset subset: index " + indices[i] + " is outside [0, " + size()
                        + ")");
            }
            if (l != null) {
                l[i] = labels[indices[i]];
            }
        }
        Backend b = backend();
        Tensor f = b.zeros(indices.length, inputSize(), features.dtype());
        Tensor t = b.zeros(indices.length, outputSize(), targets.dtype());
        b.gatherRows(features, indices, 0, f);
        b.gatherRows(targets, indices, 0, t);
        return new Dataset(f, t, l, classes);
    }

    @Override
    public String toString() {
        return "Dataset of " + size() + " examples, " + inputSize() + " inputs, "
                + (hasLabels() ? classes + " classes" : outputSize() + " targets");
    }
}
