package org.nnfs.eval;

import java.util.Locale;

/**
 * Metrics of a model on a dataset: mean loss, and for classification the accuracy, the confusion
 * matrix (rows: true class, columns: predicted class) and per-class precision, recall and F1.
 * Produced by {@link Evaluator}.
 */
public final class Evaluation {
    private final long count;
    private final double loss;
    private final int[][] confusion;

    Evaluation(long count, double loss, int[][] confusion) {
        this.count = count;
        this.loss = loss;
        this.confusion = confusion;
    }

    /** Number of examples evaluated. */
    public long count() {
        return count;
    }

    /** Mean loss per example. */
    public double loss() {
        return loss;
    }

    /** Number of classes (0 for a regression dataset). */
    public int classes() {
        return confusion.length;
    }

    /** Fraction of examples whose largest output is the true class (NaN without labels). */
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
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
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

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return confusion.length == 0 ? Double.NaN : sum / confusion.length;
    }

    /** A text report: loss, accuracy, confusion matrix and the per-class table. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "examples %d, loss %.4f", count, loss));
        if (confusion.length == 0) {
            return sb.append('\n').toString();
        }
        sb.append(String.format(Locale.ROOT, ", accuracy %.4f, macro F1 %.4f%n%n", accuracy(), macroF1()));
        sb.append("confusion matrix (rows: true class, columns: predicted)\n      ");
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[examples=%d, loss=%.4f, accuracy=%.4f]", count, loss, accuracy());
    }
}
