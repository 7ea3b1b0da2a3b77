package org.nnfs.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one synchronisation: how many examples it used, their summed loss
 * and correct classifications, and its tensors' contributions already multiplied by its row count, so
 * that the driver's sum over partitions divided by the total row count is the whole batch's mean.
 *
 * <p>In a gradient step, {@code sums} holds one array per parameter (the part's mean gradient times its
 * rows) followed by one per buffer that the step changed ({@code null} where it did not). After local
 * steps, it holds the weights, the buffers and the optimizer's state tensors, each times the rows.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The result of a partition that had no examples in the batch. */
    static final StepResult EMPTY = new StepResult(0, 0, 0, null);

    final int rows;
    final double lossSum;
    final long correct;
    final double[][] sums;

    StepResult(int rows, double lossSum, long correct, double[][] sums) {
        this.rows = rows;
        this.lossSum = lossSum;
        this.correct = correct;
        this.sums = sums;
    }
}
