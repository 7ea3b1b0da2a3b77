package org.nnfs.eval;

import java.util.Locale;

/**
 * Metrics of a model on a dataset, produced by {@link Evaluator}. Always the mean loss; then, by the
 * dataset's kind:
 * <ul>
 * <li><b>multi-class</b>: accuracy, the confusion matrix (rows: true class, columns: predicted class)
 *     and per-class precision, recall and F1;
 * <li><b>binary</b> (a one-output model): the same for classes 0 and 1 at a {@linkplain #threshold()
 *     threshold}, with {@link #precision()}, {@link #recall()} and {@link #f1()} of class 1, and the
 *     area under the ROC curve, which does not depend on the threshold;
 * <li><b>regression</b>: mean absolute error, root mean squared error and R².
 * </ul>
 * A metric that does not apply to the kind is NaN (a confusion matrix is then empty).
 */
public final class Evaluation {
    private final long count;
    private final double loss;
    private final int[][] confusion;
    private final double threshold;
    private final double rocAuc;
    private final double mae;
    private final double rmse;
    private final double r2;

    private Evaluation(long count, double loss, int[][] confusion, double threshold, double rocAuc, double mae,
                       double rmse, double r2) {
        this.count = count;
        this.loss = loss;
        this.confusion = confusion;
        this.threshold = threshold;
        this.rocAuc = rocAuc;
        this.mae = mae;
        this.rmse = rmse;
        this.r2 = r2;
    }

    /** A multi-class evaluation from its confusion matrix. */
    static Evaluation multiClass(long count, double loss, int[][] confusion) {
        return new Evaluation(count, loss, confusion, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A binary evaluation: the 2 × 2 confusion matrix at {@code threshold}, and the ROC AUC. */
    static Evaluation binary(long count, double loss, int[][] confusion, double threshold, double rocAuc) {
        return new Evaluation(count, loss, confusion, threshold, rocAuc, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A regression evaluation. */
    static Evaluation regression(long count, double loss, double mae, double rmse, double r2) {
        return new Evaluation(count, loss, new int[0][0], Double.NaN, Double.NaN, mae, rmse, r2);
    }

    /** Number of examples evaluated. */
    public long count() {
        return count;
    }

    /** Mean loss per example. */
    public double loss() {
        return loss;
    }

    /** Number of classes: 2 for binary, 0 for regression. */
    public int classes() {
        return confusion.length;
    }

    /** True for a binary evaluation (a one-output model on labels 0 and 1). */
    public boolean isBinary() {
        return !Double.isNaN(threshold);
    }

    /** True for a regression evaluation (no labels). */
    public boolean isRegression() {
        return confusion.length == 0;
    }

    /** Fraction of examples whose predicted class is the true class (NaN for regression). */
    public double accuracy() {
        if (confusion.length == 0) {
            return Double.NaN;
        }
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return (double) right / count;
    }

    /** A copy of the confusion matrix: {@code [true class][predicted class]} counts. */
    public int[][] confusionMatrix() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Of the examples predicted as {@code c}, the fraction that are {@code c} (0 if none predicted). */
    public double precision(int c) {
        long predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c} (0 if none present). */
    public double recall(int c) {
        long actual = support(c);
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** Harmonic mean of precision and recall of class {@code c} (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Number of examples of class {@code c}. */
    public long support(int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual;
    }

    /** Unweighted mean of the per-class F1 scores (NaN for regression). */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return confusion.length == 0 ? Double.NaN : sum / confusion.length;
    }

    /** Binary: the probability of class 1 above which an example counts as class 1 (NaN otherwise). */
    public double threshold() {
        return threshold;
    }

    /** Binary: precision of class 1, {@code TP / (TP + FP)} (NaN otherwise). */
    public double precision() {
        return isBinary() ? precision(1) : Double.NaN;
    }

    /** Binary: recall of class 1, {@code TP / (TP + FN)} (NaN otherwise). */
    public double recall() {
        return isBinary() ? recall(1) : Double.NaN;
    }

    /** Binary: F1 of class 1 (NaN otherwise). */
    public double f1() {
        return isBinary() ? f1(1) : Double.NaN;
    }

    /**
     * Binary: the area under the ROC curve, the probability that a random example of class 1 scores
     * above a random example of class 0 (ties count half); NaN when a class is absent, or not binary.
     */
    public double rocAuc() {
        return rocAuc;
    }

    /** Regression: mean absolute error over all target values (NaN otherwise). */
    public double mae() {
        return mae;
    }

    /** Regression: root mean squared error over all target values (NaN otherwise). */
    public double rmse() {
        return rmse;
    }

    /**
     * Regression: the coefficient of determination {@code 1 - SS_res / SS_tot} per target column, averaged
     * over columns (scikit-learn's {@code r2_score}); 1 is perfect, 0 is as good as predicting the mean. A
     * constant column scores 1 if predicted exactly, else 0. NaN for classification.
     */
    public double r2() {
        return r2;
    }

    /** A text report: the loss and the metrics of the dataset's kind, with the confusion matrix if any. */
    public String report() {
        StringBuilder sb = new StringBuilder(toLine());
        if (confusion.length == 0) {
            return sb.append('\n').toString();
        }
        sb.append(String.format(Locale.ROOT, "%n%nconfusion matrix (rows: true class, columns: predicted)%n      "));
        for (int c = 0; c < confusion.length; c++) {
            sb.append(String.format(Locale.ROOT, "%6d", c));
        }
        sb.append('\n');
        for (int r = 0; r < confusion.length; r++) {
            sb.append(String.format(Locale.ROOT, "%6d", r));
            for (int c = 0; c < confusion.length; c++) {
                sb.append(String.format(Locale.ROOT, "%6d", confusion[r][c]));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%n%6s %10s %10s %10s %8s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < confusion.length; c++) {
            sb.append(String.format(Locale.ROOT, "%6d %10.4f %10.4f %10.4f %8d%n", c, precision(c), recall(c), f1(c), support(c)));
        }
        return sb.toString();
    }

    /** The metrics on one line. */
    private String toLine() {
        String head = String.format(Locale.ROOT, "examples %d, loss %.4f", count, loss);
        if (isRegression()) {
            return head + String.format(Locale.ROOT, ", MAE %.4f, RMSE %.4f, R² %.4f", mae, rmse, r2);
        }
        if (isBinary()) {
            return head + String.format(Locale.ROOT, ", accuracy %.4f at threshold %s, precision %.4f, recall %.4f, "
                    + "F1 %.4f, ROC AUC %.4f", accuracy(), threshold, precision(), recall(), f1(), rocAuc);
        }
        return head + String.format(Locale.ROOT, ", accuracy %.4f, macro F1 %.4f", accuracy(), macroF1());
    }

    @Override
    public String toString() {
        return "Evaluation[" + toLine() + "]";
    }
}
