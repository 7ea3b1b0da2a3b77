package org.nnfs.mnist.report;

import org.nnfs.eval.Evaluation;

/**
 * The numbers of a classifier's evaluation as plain arrays, for the report writers.
 *
 * @param count     examples evaluated
 * @param loss      mean loss
 * @param accuracy  fraction classified right
 * @param macroF1   unweighted mean of the per-class F1
 * @param confusion {@code [true class][predicted class]} counts
 * @param precision per class
 * @param recall    per class
 * @param f1        per class
 * @param support   examples of each class
 */
public record EvaluationSummary(long count, double loss, double accuracy, double macroF1, int[][] confusion,
                                double[] precision, double[] recall, double[] f1, long[] support) {

    /** The summary of the library's evaluation of a classifier. */
    public static EvaluationSummary of(Evaluation e) {
        int k = e.classes();
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        long[] support = new long[k];
        for (int c = 0; c < k; c++) {
            precision[c] = e.precision(c);
            recall[c] = e.recall(c);
            f1[c] = e.f1(c);
            support[c] = e.support(c);
        }
        return new EvaluationSummary(e.count(), e.loss(), e.accuracy(), e.macroF1(), e.confusionMatrix(), precision,
                recall, f1, support);
    }

    /** Number of classes. */
    public int classes() {
        return confusion.length;
    }
}
