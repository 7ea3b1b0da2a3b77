package org.nnfs.eval;

import java.util.Arrays;

import org.nnfs.data.Dataset;
import org.nnfs.internal.Batches;
import org.nnfs.internal.ClassDecision;
import org.nnfs.internal.DataChecks;
import org.nnfs.loss.Loss;
import org.nnfs.model.InferencePass;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/**
 * Evaluates a model on one dataset in chunks, reusing its buffers across calls (the trainer evaluates
 * the validation set after every epoch). It runs its own inference pass, so it needs no lock on the
 * model; like the loss it uses, it is for one thread. What it measures depends on the dataset's kind:
 * see {@link Evaluation}.
 */
public final class Evaluator {
    /** The default probability threshold of binary classification. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final InferencePass pass;
    private final Dataset data;
    private final Loss loss;
    private final double threshold;
    private final Batches batches;
    private final int[] order;
    private final ClassDecision decision;
    private final int[] predicted;
    private final double[] scores;
    private final Regression regression;
    private double[] outputs = new double[0];

    /** An evaluator of {@code model} on {@code data} under {@code loss} (used on the calling thread only). */
    public Evaluator(Sequential model, Dataset data, Loss loss) {
        this(model, data, loss, DEFAULT_THRESHOLD);
    }

    /**
     * An evaluator whose binary decisions count an example as class 1 when its probability of class 1 is
     * above {@code threshold} (for other datasets the threshold does not matter).
     *
     * @throws IllegalArgumentException when the data does not fit the model, or the threshold is outside (0, 1)
     */
    public Evaluator(Sequential model, Dataset data, Loss loss, double threshold) {
        DataChecks.checkFits("dataset", model, data);
        this.pass = model.newInferencePass();
        this.data = data;
        this.loss = loss;
        this.threshold = threshold;
        this.batches = new Batches(data);
        this.order = Batches.identity(data.size());
        this.decision = new ClassDecision(model.backend(), model.head(), threshold);
        this.predicted = new int[Math.min(pass.chunkRows(), data.size())];
        this.scores = data.isBinary() ? new double[data.size()] : null;
        this.regression = data.hasLabels() ? null : new Regression(data);
    }

    /** Evaluates {@code model} on {@code data} once. */
    public static Evaluation evaluate(Sequential model, Dataset data, Loss loss) {
        return new Evaluator(model, data, loss).evaluate();
    }

    /** Runs the model over the whole dataset (inference mode) and returns the metrics. */
    public Evaluation evaluate() {
        int classes = data.hasLabels() ? Math.max(data.classes(), 2) : 0;
        int[][] confusion = new int[classes][classes];
        if (regression != null) {
            regression.reset();
        }
        double lossSum = 0;
        int chunk = pass.chunkRows();
        for (int offset = 0; offset < data.size(); offset += chunk) {
            int rows = Math.min(chunk, data.size() - offset);
            boolean whole = rows == data.size(); // in one chunk: the data as it is, no copy
            Tensor out = pass.forward(whole ? data.features() : batches.features(order, offset, rows));
            Tensor target = whole ? data.targets() : batches.targets(order, offset, rows);
            lossSum += loss.compute(out, target, null) * rows;
            if (classes > 0) {
                decision.classes(out, predicted, 0);
                for (int i = 0; i < rows; i++) {
                    confusion[data.label(offset + i)][predicted[i]]++;
                }
            }
            if (scores != null) {
                System.arraycopy(host(out), 0, scores, offset, rows);
            }
            if (regression != null) {
                regression.add(host(out), offset, rows);
            }
        }
        double meanLoss = lossSum / data.size();
        if (data.isBinary()) {
            return Evaluation.binary(data.size(), meanLoss, confusion, threshold, rocAuc());
        }
        if (regression != null) {
            return regression.result(meanLoss);
        }
        return Evaluation.multiClass(data.size(), meanLoss, confusion);
    }

    /** The values of {@code out}, row-major, in a buffer reused by the next call. */
    private double[] host(Tensor out) {
        if (outputs.length < out.size()) {
            outputs = new double[out.size()];
        }
        out.backend().copyTo(out, outputs);
        return outputs;
    }

    /**
     * The area under the ROC curve from the scores of the last evaluation, as the Mann-Whitney statistic:
     * for every positive, the negatives scoring below it, ties counting half. The model's output serves as
     * the score whether it is a probability or a logit, since only the order matters.
     */
    private double rocAuc() {
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            positives += data.label(i);
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, p = 0, n = 0; i < scores.length; i++) {
            if (data.label(i) == 1) {
                pos[p++] = scores[i];
            } else {
                neg[n++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double wins = 0;
        int below = 0;
        int notAbove = 0;
        for (double s : pos) {
            while (below < negatives && neg[below] < s) {
                below++;
            }
            while (notAbove < negatives && neg[notAbove] <= s) {
                notAbove++;
            }
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positives * negatives);
    }

    /** Sums for MAE, RMSE and R², against the dataset's targets (read to the host once). */
    private static final class Regression {
        private final int count;
        private final int cols;
        private final double[] targets;
        private final double[] totalSquares;
        private final double[] residualSquares;
        private double absoluteSum;

        Regression(Dataset data) {
            count = data.size();
            cols = data.outputSize();
            targets = data.targets().toDoubleArray();
            residualSquares = new double[cols];
            double[] mean = new double[cols];
            for (int i = 0; i < targets.length; i++) {
                mean[i % cols] += targets[i] / count;
            }
            totalSquares = new double[cols];
            for (int i = 0; i < targets.length; i++) {
                double d = targets[i] - mean[i % cols];
                totalSquares[i % cols] += d * d;
            }
        }

        void reset() {
            absoluteSum = 0;
            Arrays.fill(residualSquares, 0);
        }

        /** Adds the outputs of rows {@code [offset, offset + rows)}, row-major in {@code outputs}. */
        void add(double[] outputs, int offset, int rows) {
            int base = offset * cols;
            for (int i = 0; i < rows * cols; i++) {
                double d = outputs[i] - targets[base + i];
                absoluteSum += Math.abs(d);
                residualSquares[i % cols] += d * d;
            }
        }

        Evaluation result(double loss) {
            double squares = 0;
            double r2 = 0;
            for (int c = 0; c < cols; c++) {
                squares += residualSquares[c];
                if (totalSquares[c] > 0) {
                    r2 += 1 - residualSquares[c] / totalSquares[c];
                } else {
                    r2 += residualSquares[c] == 0 ? 1 : 0;
                }
            }
            double values = (double) count * cols;
            return Evaluation.regression(count, loss, absoluteSum / values, Math.sqrt(squares / values), r2 / cols);
        }
    }
}
