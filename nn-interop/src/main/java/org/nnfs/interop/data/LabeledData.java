package org.nnfs.interop.data;

import java.util.List;
import java.util.Objects;

import org.nnfs.data.Dataset;
import org.nnfs.data.Standardizer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * Classification examples read from a file, on the host: features row-major, one class label per example,
 * and the names of the classes and features when the file gave them. Make a {@link Dataset} of it on a
 * backend with {@link #toDataset}, and fit a {@link Standardizer} on the training part with
 * {@link #standardizer()}.
 *
 * @param features     {@code rows * cols} values, row-major
 * @param rows         number of examples
 * @param cols         features per example
 * @param labels       the class of each example, in {@code [0, classes.size())}
 * @param featureNames the features' names (column names, or {@code x0, x1, ...})
 * @param classes      the classes' names, by index (the labels as the file wrote them)
 */
public record LabeledData(float[] features, int rows, int cols, int[] labels, List<String> featureNames,
                          List<String> classes) {
    /** The most classes a label column or array may have: more is rather a regression target or an id. */
    public static final int MAX_CLASSES = 10_000;

    /** Checks the shapes. */
    public LabeledData {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
        if ((long) rows * cols != features.length || labels.length != rows || featureNames.size() != cols) {
            throw new IllegalArgumentException("labeled data: " + features.length + " values, " + labels.length
                    + " labels and " + featureNames.size() + " feature names for " + rows + " rows of " + cols);
        }
    }

    /** The examples as a classification dataset on {@code backend} (one-hot targets over {@link #classes()}). */
    public Dataset toDataset(Backend backend, DType dtype) {
        return Dataset.classification(backend, dtype, features, rows, cols, labels, Math.max(2, classes.size()));
    }

    /** A standardiser (mean and standard deviation) fitted on these examples' features. */
    public Standardizer standardizer() {
        return Standardizer.meanStd(features, rows, cols);
    }
}
