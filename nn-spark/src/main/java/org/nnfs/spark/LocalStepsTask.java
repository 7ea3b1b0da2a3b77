package org.nnfs.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;

/**
 * One round of parameter averaging on one partition: from the driver's values, a local optimizer step
 * on the partition's share of each of the round's batches; returns the resulting values to average.
 */
final class LocalStepsTask implements Function2<Integer, Iterator<PartitionBlock>, Iterator<StepResult>> {
    private static final long serialVersionUID = 1L;

    private final TrainingJob job;
    private final int epoch;
    private final int firstBatch;
    private final int batches;
    private final TensorValues values;
    private final long steps;

    LocalStepsTask(TrainingJob job, int epoch, int firstBatch, int batches, TensorValues values, long steps) {
        this.job = job;
        this.epoch = epoch;
        this.firstBatch = firstBatch;
        this.batches = batches;
        this.values = values;
        this.steps = steps;
    }

    @Override
    public Iterator<StepResult> call(Integer partition, Iterator<PartitionBlock> blocks) {
        job.hook.beforeTask(epoch, firstBatch, partition);
        PartitionBlock block = job.block(partition, blocks);
        int[][] rows = new int[batches][];
        long[] seeds = new long[batches];
        int total = 0;
        for (int b = 0; b < batches; b++) {
            rows[b] = job.rowsIn(partition, epoch, firstBatch + b);
            seeds[b] = job.layerSeed(epoch, firstBatch + b, partition);
            total += rows[b].length;
        }
        if (total == 0) {
            return List.of(StepResult.EMPTY).iterator();
        }
        return List.of(job.onReplica(replica -> replica.localSteps(block, rows, seeds, values, steps))).iterator();
    }
}
