package org.nnfs.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Function;

import org.nnfs.train.EpochOrder;

/**
 * What every task of one {@code fit} needs besides the step's values, sent with each step (it is small):
 * the model's blueprint, the executors' backend, the loss and optimizer by registered name, and where
 * each partition's examples sit in the single-machine numbering.
 */
final class TrainingJob implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs before each task's work; tests inject failures with it. */
    interface TaskHook extends Serializable {
        /** A hook that does nothing. */
        TaskHook NONE = (epoch, batch, partition) -> { };

        void beforeTask(int epoch, int batch, int partition);
    }

    /** Identifies the training: executors keep one model replica per training and backend. */
    final String id;
    final ModelBlueprint blueprint;
    final String backend;
    final String loss;
    final String optimizer;
    final long seed;
    final boolean shuffle;
    final int examples;
    final int batchSize;
    private final int[] offsets;
    private final int[] sizes;
    final TaskHook hook;

    TrainingJob(String id, ModelBlueprint blueprint, String backend, String loss, String optimizer, long seed,
                boolean shuffle, DistributedDataset data, int batchSize, TaskHook hook) {
        this.id = id;
        this.blueprint = blueprint;
        this.backend = backend;
        this.loss = loss;
        this.optimizer = optimizer;
        this.seed = seed;
        this.shuffle = shuffle;
        this.examples = data.size();
        this.batchSize = batchSize;
        this.offsets = data.offsets();
        this.sizes = data.sizes();
        this.hook = hook;
    }

    /** Number of batches per epoch; the last may be smaller. */
    int batches() {
        return (examples + batchSize - 1) / batchSize;
    }

    /**
     * The partition's block, checked against the size it had when training started: a recomputed block
     * (after an executor was lost) of another size means the input is not deterministic.
     */
    PartitionBlock block(int partition, Iterator<PartitionBlock> blocks) {
        PartitionBlock block = blocks.next();
        if (block.rows != sizes[partition]) {
            throw new IllegalStateException("partition " + partition + " now has " + block.rows + " rows but had "
                    + sizes[partition] + " when training started: its input gave other rows when Spark computed it "
                    + "again; cache, checkpoint or sort the DataFrame before training");
        }
        return block;
    }

    /**
     * The rows of {@code partition} (block-local indices) among the examples batch {@code batch} of epoch
     * {@code epoch} visits, in the order that batch visits them.
     */
    int[] rowsIn(int partition, int epoch, int batch) {
        int[] order = ExecutorState.epochOrder(examples, seed, epoch, shuffle);
        int from = batch * batchSize;
        int to = Math.min(from + batchSize, examples);
        int lo = offsets[partition];
        int hi = lo + sizes[partition];
        int[] rows = new int[to - from];
        int count = 0;
        for (int k = from; k < to; k++) {
            int example = order[k];
            if (example >= lo && example < hi) {
                rows[count++] = example - lo;
            }
        }
        return Arrays.copyOf(rows, count);
    }

    /**
     * Runs {@code work} on this training's replica of the model on one of the executor's slots, borrowed
     * for the call (the replica is built on the slot's backend the first time).
     */
    StepResult onReplica(Function<Replica, StepResult> work) {
        ExecutorState.Slot slot = ExecutorState.borrow(backend);
        try {
            return work.apply(slot.get(id, Replica.class, b -> new Replica(this, b)));
        } finally {
            ExecutorState.release(slot);
        }
    }

    /**
     * The seed of the layers' randomness (dropout) for one partition's part of one batch: a function of
     * the run's seed, the epoch, the batch and the partition only, so that a retried task draws the same
     * masks as the failed attempt did.
     */
    long layerSeed(int epoch, int batch, int partition) {
        long s = EpochOrder.layerSeed(seed, epoch);
        s = s * 0x9E3779B97F4A7C15L + batch;
        return s * 0x9E3779B97F4A7C15L + partition;
    }
}
