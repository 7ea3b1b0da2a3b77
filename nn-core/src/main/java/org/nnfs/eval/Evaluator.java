package org.nnfs.eval;

import org.nnfs.data.Batches;
import org.nnfs.data.Dataset;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/**
 * Evaluates a model on one dataset in chunks, reusing its buffers across calls (the trainer evaluates
 * the validation set after every epoch).
 */
public final class Evaluator {
    private static final int CHUNK = 1024;

    private final Sequential model;
    private final Dataset data;
    private final Loss loss;
    private final Batches batches;
    private final int[] order;
    private final int[] predicted;

    /** An evaluator of {@code model} on {@code data} under {@code loss}. */
    public Evaluator(Sequential model, Dataset data, Loss loss) {
        checkFits("dataset", model, data);
        this.model = model;
        this.data = data;
        this.loss = Loss.forType(loss.type()); // own instance: losses keep host buffers
        this.batches = new Batches(data);
        this.order = Batches.identity(data.size());
        this.predicted = new int[Math.min(CHUNK, data.size())];
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
                    + model.outputSize());
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

    /** Evaluates {@code model} on {@code data} once. */
    public static Evaluation evaluate(Sequential model, Dataset data, Loss loss) {
        return new Evaluator(model, data, loss).evaluate();
    }

    /** Runs the model over the whole dataset (inference mode) and returns the metrics. */
    public Evaluation evaluate() {
        int classes = data.hasLabels() ? data.classes() : 0;
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        synchronized (model) { // the model's layer buffers are shared with predict/classify
            for (int offset = 0; offset < data.size(); offset += CHUNK) {
                int rows = Math.min(CHUNK, data.size() - offset);
                Tensor out = model.forward(batches.features(order, offset, rows), false);
                lossSum += loss.compute(out, batches.targets(order, offset, rows), null) * rows;
                if (classes > 0) {
                    model.backend().argmaxRows(out, predicted);
                    for (int i = 0; i < rows; i++) {
                        confusion[data.label(offset + i)][predicted[i]]++;
                    }
                }
            }
        }
        return new Evaluation(data.size(), lossSum / data.size(), confusion);
    }
}
