package org.nnfs.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nnfs.internal.Shuffle;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Examples for training or evaluation, held on a backend: features {@code [n, inputs]}, targets
 * {@code [n, outputs]} and, for classification, the class labels on the host (for accuracy).
 *
 * <pre>{@code
 * Dataset blobs = Dataset.builder(backend).features(points).labels(labels, 5).build();  // double[][], int[]
 * Dataset moons = Dataset.builder(backend).features(points).labels(zeroOrOne, 1).build(); // binary
 * Dataset sine  = Dataset.builder(backend).features(x).targets(y).build();               // regression
 * Dataset.Split parts = blobs.split(0.2, 42);   // 20 % held out, stratified by class
 * }</pre>
 *
 * <p>Three kinds, by {@link #classes()}:
 * <ul>
 * <li><b>multi-class</b> ({@code classes >= 2}): labels in {@code [0, classes)}, targets one-hot, for a
 *     model that ends in a softmax (or in logits, with {@code SoftmaxCrossEntropy});
 * <li><b>binary</b> ({@code classes == 1}): labels 0 or 1, one target column holding the label, for a
 *     model with one sigmoid output ({@code BinaryCrossEntropy}) or one logit
 *     ({@code SigmoidBinaryCrossEntropy}); accuracy thresholds the probability at 0.5;
 * <li><b>regression</b> ({@code classes == 0}): arbitrary target values, no labels.
 * </ul>
 *
 * <p>Every factory refuses NaN and infinite features and targets, naming the row and column: one such
 * value silently poisons every weight it reaches. Mini-batches are gathered from these tensors by index,
 * so a dataset is uploaded once and never copied again during training.
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

    /** Starts a dataset on {@code backend} (float32 unless {@link Builder#dtype} says otherwise). */
    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    /**
     * A classification dataset: {@code rows} examples of {@code cols} features (row-major in
     * {@code features}) with labels in {@code [0, classes)}, targets the labels one-hot encoded; or, with
     * {@code classes = 1}, a binary dataset: labels 0 or 1 in one target column.
     *
     * @throws IllegalArgumentException naming the first bad length, label or non-finite feature
     */
    public static Dataset classification(Backend backend, DType dtype, float[] features, int rows, int cols,
                                         int[] labels, int classes) {
        return builder(backend).dtype(dtype).features(features, rows, cols).labels(labels, classes).build();
    }

    /**
     * A classification dataset over features already on a backend ({@code [n, inputs]}, one row per example),
     * which it keeps without copying: for data filled a block of rows at a time with
     * {@link Backend#copyRowsFrom}, so that it never sits in one host array as well. Labels as in
     * {@link Builder#labels}; the targets are made in the features' backend and dtype. The feature values
     * are taken as they are (they are not read back to look for NaN).
     *
     * @throws IllegalArgumentException naming the first bad label, or when the counts of labels and rows differ
     */
    public static Dataset classification(Tensor features, int[] labels, int classes) {
        Objects.requireNonNull(features, "features");
        Builder b = builder(features.backend()).dtype(features.dtype()).labels(labels, classes);
        if (b.labels.length != features.rows()) {
            throw new IllegalArgumentException("dataset: " + b.labels.length + " labels for " + features.rows()
                    + " rows");
        }
        return new Dataset(features, b.targets.upload(features.backend(), features.dtype()), b.labels, b.classes);
    }

    /**
     * A regression dataset: {@code rows} examples of {@code cols} features and {@code targetCols} target
     * values, both row-major.
     *
     * @throws IllegalArgumentException naming the first bad length or non-finite value
     */
    public static Dataset regression(Backend backend, DType dtype, float[] features, int rows, int cols,
                                     float[] targets, int targetCols) {
        return builder(backend).dtype(dtype).features(features, rows, cols).targets(targets, rows, targetCols).build();
    }

    /** Number of examples. */
    public int size() {
        return features.rows();
    }

    /** Features per example. */
    public int inputSize() {
        return features.cols();
    }

    /** Target values per example: the number of classes for multi-class, 1 for binary. */
    public int outputSize() {
        return targets.cols();
    }

    /** {@code [n, inputs]} on the backend. */
    public Tensor features() {
        return features;
    }

    /** {@code [n, outputs]} on the backend (one-hot for multi-class, the 0/1 label for binary). */
    public Tensor targets() {
        return targets;
    }

    /** True for a classification dataset (binary or multi-class). */
    public boolean hasLabels() {
        return labels != null;
    }

    /** True for a binary dataset: labels 0 and 1, one target column ({@code classes() == 1}). */
    public boolean isBinary() {
        return classes == 1;
    }

    /** Number of classes: 2 or more for multi-class, 1 for binary (labels 0 and 1), 0 for regression. */
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

    /** The first {@code n} examples as a new dataset (n is clamped to {@code [1, size()]}). */
    public Dataset head(int n) {
        int[] rows = new int[Math.min(Math.max(n, 1), size())];
        Arrays.setAll(rows, i -> i);
        return subset(rows);
    }

    /**
     * Splits the examples at random into two new datasets, {@code fraction} of them into
     * {@link Split#test()} and the rest into {@link Split#train()}, like scikit-learn's
     * {@code train_test_split}. A classification dataset is split per class (stratified), so both parts
     * keep its class proportions. Each part lists its examples in their original order; the same seed
     * gives the same split.
     *
     * @param fraction the share held out, in {@code (0, 1)}
     * @throws IllegalArgumentException when the fraction is outside {@code (0, 1)} or leaves a part empty
     */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("split: the fraction held out must be in (0, 1), got " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] heldOut = new boolean[size()];
        int groups = labels == null ? 1 : Math.max(classes, 2);
        for (int g = 0; g < groups; g++) {
            int[] members = members(g);
            Shuffle.shuffle(members, random);
            int take = (int) Math.round(fraction * members.length);
            for (int i = 0; i < take; i++) {
                heldOut[members[i]] = true;
            }
        }
        int tested = 0;
        for (boolean h : heldOut) {
            tested += h ? 1 : 0;
        }
        if (tested == 0 || tested == size()) {
            throw new IllegalArgumentException("split(" + fraction + ") of " + size() + " examples leaves the "
                    + (tested == 0 ? "test" : "training") + " part empty; use a " + (tested == 0 ? "larger" : "smaller")
                    + " fraction or more examples");
        }
        int[] train = new int[size() - tested];
        int[] test = new int[tested];
        for (int i = 0, a = 0, b = 0; i < size(); i++) {
            if (heldOut[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(subset(train), subset(test));
    }

    /** The examples of group {@code g}: class {@code g}, or every example when there are no labels. */
    private int[] members(int g) {
        if (labels == null) {
            int[] all = new int[size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return java.util.stream.IntStream.range(0, size()).filter(i -> labels[i] == g).toArray();
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
        String kind = isBinary() ? "binary labels" : hasLabels() ? classes + " classes" : outputSize() + " targets";
        return "Dataset of " + size() + " examples, " + inputSize() + " inputs, " + kind;
    }

    /**
     * A dataset split in two by {@link Dataset#split}.
     *
     * @param train the examples kept for training
     * @param test  the examples held out, for validation or testing
     */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Collects features and labels or targets from Java arrays: features as rows ({@code double[][]},
     * {@code float[][]}) or row-major ({@code float[]}), and then exactly one of integer labels, one-hot
     * rows or regression targets, with as many rows as the features.
     */
    public static final class Builder {
        private final Backend backend;
        private DType dtype = DType.FLOAT32;
        private HostMatrix features;
        private HostMatrix targets;
        private int[] labels;
        private int classes;
        private String targetsFrom;

        private Builder(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** Element type of the tensors (default float32); use the model's. */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /** One row of features per example; every row has the same length. */
        public Builder features(double[][] rows) {
            return features(HostMatrix.of("features", rows));
        }

        /** One row of features per example; every row has the same length. */
        public Builder features(float[][] rows) {
            return features(HostMatrix.of("features", rows));
        }

        /** {@code rows} examples of {@code cols} features, row-major in {@code values} (not copied until built). */
        public Builder features(float[] values, int rows, int cols) {
            return features(HostMatrix.of("features", values, rows, cols));
        }

        private Builder features(HostMatrix m) {
            features = m.checkFinite();
            return this;
        }

        /**
         * Class labels: in {@code [0, classes)} for {@code classes >= 2} (targets become one-hot rows), or 0
         * and 1 for {@code classes = 1}, a binary dataset with the label as its one target column.
         */
        public Builder labels(int[] labels, int classes) {
            Objects.requireNonNull(labels, "labels");
            if (classes < 1) {
                throw new IllegalArgumentException("classes must be at least 1 (1: binary labels 0 and 1), got "
                        + classes);
            }
            int limit = Math.max(classes, 2);
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] < 0 || labels[r] >= limit) {
                    throw new IllegalArgumentException("label " + labels[r] + " of row " + r + (classes == 1
                            ? " is not 0 or 1 (classes = 1 means binary labels)"
                            : " is outside [0, " + classes + ")"));
                }
            }
            int[] copy = labels.clone();
            float[] values = new float[labels.length * classes];
            for (int r = 0; r < copy.length; r++) {
                values[r * classes + (classes == 1 ? 0 : copy[r])] = classes == 1 ? copy[r] : 1;
            }
            return labelled(copy, classes, values.length == 0 ? null : HostMatrix.of("targets", values, copy.length,
                    classes), "labels(...)");
        }

        /** Labels as one-hot rows, one column per class (at least 2), exactly one 1 per row and 0 elsewhere. */
        public Builder oneHot(double[][] rows) {
            return oneHot(HostMatrix.of("one-hot targets", rows));
        }

        /** Labels as one-hot rows, one column per class (at least 2), exactly one 1 per row and 0 elsewhere. */
        public Builder oneHot(float[][] rows) {
            return oneHot(HostMatrix.of("one-hot targets", rows));
        }

        private Builder oneHot(HostMatrix m) {
            int k = m.cols();
            if (k < 2) {
                throw new IllegalArgumentException("one-hot targets need a column per class, at least 2, got " + k
                        + "; for binary labels use labels(labels, 1)");
            }
            int[] found = new int[m.rows()];
            for (int r = 0; r < m.rows(); r++) {
                int hot = -1;
                for (int c = 0; c < k; c++) {
                    double v = m.get(r * k + c);
                    if (v == 1 && hot < 0) {
                        hot = c;
                    } else if (v != 0) {
                        throw new IllegalArgumentException("one-hot targets row " + r + " is not one-hot: column " + c
                                + " is " + v + (v == 1 ? " after a 1 in column " + hot : "")
                                + "; soft labels go in targets(...)");
                    }
                }
                if (hot < 0) {
                    throw new IllegalArgumentException("one-hot targets row " + r + " has no 1");
                }
                found[r] = hot;
            }
            return labelled(found, k, m, "oneHot(...)");
        }

        /** Regression targets, one row per example; every row has the same length. */
        public Builder targets(double[][] rows) {
            return regression(HostMatrix.of("targets", rows));
        }

        /** Regression targets, one row per example; every row has the same length. */
        public Builder targets(float[][] rows) {
            return regression(HostMatrix.of("targets", rows));
        }

        /** Regression targets: {@code rows} rows of {@code cols} values, row-major in {@code values}. */
        public Builder targets(float[] values, int rows, int cols) {
            return regression(HostMatrix.of("targets", values, rows, cols));
        }

        private Builder regression(HostMatrix m) {
            return labelled(null, 0, m.checkFinite(), "targets(...)");
        }

        private Builder labelled(int[] labels, int classes, HostMatrix targets, String from) {
            if (targetsFrom != null) {
                throw new IllegalArgumentException("a dataset has one kind of target, but " + from + " follows "
                        + targetsFrom);
            }
            if (targets == null) {
                throw new IllegalArgumentException(from + " has no rows");
            }
            this.labels = labels;
            this.classes = classes;
            this.targets = targets;
            this.targetsFrom = from;
            return this;
        }

        /**
         * Uploads the dataset to the backend.
         *
         * @throws IllegalArgumentException when features or targets are missing, or their row counts differ
         */
        public Dataset build() {
            if (features == null) {
                throw new IllegalArgumentException("a dataset needs features: call features(...)");
            }
            if (targets == null) {
                throw new IllegalArgumentException("a dataset needs labels(...), oneHot(...) or targets(...)");
            }
            if (features.rows() != targets.rows()) {
                throw new IllegalArgumentException("dataset: " + features.rows() + " rows of features but "
                        + targets.rows() + " rows of " + targetsFrom.substring(0, targetsFrom.indexOf('(')));
            }
            return new Dataset(features.upload(backend, dtype), targets.upload(backend, dtype), labels, classes);
        }
    }
}
