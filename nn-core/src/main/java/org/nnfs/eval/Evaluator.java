package org.nnfs.eval;

import org.nnfs.data.Dataset;
import org.nnfs.internal.Batches;
import org.nnfs.internal.DataChecks;
import org.nnfs.loss.Loss;
import org.nnfs.model.InferencePass;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/**
 * Evaluates a model on one dataset in chunks, reusing its buffers across calls (the trainer evaluates
 * the validation set after every epoch). It runs its own inference pass, so it needs no lock on the
 * model; like the loss it uses, it is for one thread.
 */
public final class Evaluator {
    private static final int CHUNK = 1024;

    private final InferencePass pass;
    private final Dataset data;
    private final Loss loss;
    private final Batches batches;
    private final int[] order;
    private final int[] predicted;

    /** An evaluator of {@code model} on {@code data} under {@code loss} (used on the calling thread only). */
    public Evaluator(Sequential model, Dataset data, Loss loss) {
        DataChecks.checkFits("dataset", model, data);
        this.pass = model.newInferencePass();
        this.data = data;
        this.loss = loss;
        this.batches = new Batches(data);
        this.order = Batches.identity(data.size());
        this.predicted = new int[Math.min(CHUNK, data.size())];
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
        for (int offset = 0; offset < data.size(); offset += CHUNK) {
            int rows = Math.min(CHUNK, data.size() - offset);
            Tensor out = pass.forward(batches.features(order, offset, rows));
            lossSum += loss.compute(out, batches.targets(order, offset, rows), null) * rows;
            if (classes > 0) {
                data.backend().argmaxRows(out, predicted);
                for (int i = 0; i < rows; i++) {
                    confusion[data.label(offset + i)][predicted[i]]++;
                }
            }
        }
        return new Evaluation(data.size(), lossSum / data.size(), confusion);
    }
}
