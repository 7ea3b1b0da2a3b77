package org.nnfs.train;

/**
 * Observes training: called on the training thread after every batch and every epoch. Listeners
 * should be quick; a slow listener slows training.
 */
public interface TrainingListener {

    /** Before the first epoch of a {@code fit} call. */
    default void onStart(Trainer trainer, int firstEpoch, int lastEpoch) {
    }

    /** After each batch; {@code progress} is reused, read it now. */
    default void onBatch(BatchProgress progress) {
    }

    /** After each epoch, once validation is done. */
    default void onEpoch(EpochSummary summary) {
    }

    /** After the last epoch (or an early stop), not after an exception. */
    default void onEnd(History history) {
    }
}
