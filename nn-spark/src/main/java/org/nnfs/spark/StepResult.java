package org.nnfs.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one synchronisation: how many examples it used, their summed loss
 * and correct classifications, and its tensors' values, which the driver averages over the partitions
 * weighted by those row counts.
 *
 * <p>After a gradient step, {@code values} holds the mean gradient over the partition's rows for each
 * parameter, then the value of each buffer the step changed (absent where it did not). After local
 * steps, it holds the parameters, the buffers and the optimizer's state tensors.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The result of a partition that had no examples in the batch. */
    static final StepResult EMPTY = new StepResult(0, 0, 0, null);

    final int rows;
    final double lossSum;
    final long correct;
    final TensorValues values;

    StepResult(int rows, double lossSum, long correct, TensorValues values) {
        this.rows = rows;
        this.lossSum = lossSum;
        this.correct = correct;
        this.values = values;
    }
}
