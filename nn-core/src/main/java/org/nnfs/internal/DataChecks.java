package org.nnfs.internal;

import org.nnfs.data.Dataset;
import org.nnfs.model.Sequential;

/** Checks shared by training and evaluation that data can feed a model. */
public final class DataChecks {
    private DataChecks() {
    }

    /** How to make a binary dataset fit a one-output model, or the other way round. */
    private static String hint(Sequential model, Dataset data) {
        if (data.inputSize() != model.inputSize()) {
            return "";
        }
        if (model.outputSize() == 1 && data.classes() == 2) {
            return "; for a one-output (sigmoid) model make the labels binary: labels(labels, 1)";
        }
        if (data.isBinary() && model.outputSize() == 2) {
            return "; binary labels (classes = 1) train a one-output model: end it in dense(1).sigmoid(), or make "
                    + "the dataset with labels(labels, 2) for a two-output softmax";
        }
        return "";
    }

    /**
     * Checks that {@code data} can feed {@code model}: widths, backend and element type.
     *
     * @param what how to call the data in the message, e.g. "training set"
     * @throws IllegalArgumentException naming the mismatch
     */
    public static void checkFits(String what, Sequential model, Dataset data) {
        if (data.inputSize() != model.inputSize() || data.outputSize() != model.outputSize()) {
            throw new IllegalArgumentException(what + " has " + data.inputSize() + " inputs and " + data.outputSize()
                    + " outputs per example, but the model takes " + model.inputSize() + " and gives "
                    + model.outputSize() + hint(model, data));
        }
        if (data.backend() != model.backend()) {
            throw new IllegalArgumentException(what + " is on backend '" + data.backend().name()
                    + "' but the model is on '" + model.backend().name() + "'; create both on one backend");
        }
        if (data.features().dtype() != model.dtype()) {
            throw new IllegalArgumentException(what + " is " + data.features().dtype() + " but the model is "
                    + model.dtype());
        }
    }
}
