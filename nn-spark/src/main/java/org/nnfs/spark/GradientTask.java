package org.nnfs.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;

/**
 * One synchronous step's work on one partition: its share of the batch through the model at the
 * driver's values, returning its gradient contribution. A function of the job, the step and the
 * partition's data only, so a retried task returns exactly what the failed attempt would have.
 */
final class GradientTask implements Function2<Integer, Iterator<PartitionBlock>, Iterator<StepResult>> {
    private static final long serialVersionUID = 1L;

    private final TrainingJob job;
    private final int epoch;
    private final int batch;
    private final TensorValues values;

    GradientTask(TrainingJob job, int epoch, int batch, TensorValues values) {
        this.job = job;
        this.epoch = epoch;
        this.batch = batch;
        this.values = values;
    }

    @Override
    public Iterator<StepResult> call(Integer partition, Iterator<PartitionBlock> blocks) {
        job.hook.beforeTask(epoch, batch, partition);
        PartitionBlock block = job.block(partition, blocks);
        int[] rows = job.rowsIn(partition, epoch, batch);
        if (rows.length == 0) {
            return List.of(StepResult.EMPTY).iterator();
        }
        long seed = job.layerSeed(epoch, batch, partition);
        return List.of(job.onReplica(replica -> replica.gradient(block, rows, values, seed))).iterator();
    }
}
