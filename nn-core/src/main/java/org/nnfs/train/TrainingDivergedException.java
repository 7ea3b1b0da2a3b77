package org.nnfs.train;

import java.util.Locale;

/**
 * Training diverged: the learning rate is usually too high. Thrown before the epoch it happens in is
 * counted or reported to listeners, so nothing saved before (a checkpoint of the last good epoch) is
 * touched. The message says what diverged and where; {@link #reason()} says which check found it.
 */
public class TrainingDivergedException extends RuntimeException {
    private static final String REMEDY = " Lower the learning rate (or check the data for NaN/infinite values).";

    /** The check that found the divergence. */
    public enum Cause {
        /** A batch's loss was NaN or infinite (found before the update). */
        LOSS,
        /** A model tensor held NaN or an infinite value after an epoch's last update. */
        WEIGHTS,
        /** The training loss stayed far above a uniform guess's, without coming down. */
        LOSS_ABOVE_GUESS,
        /** The validation loss was NaN or infinite. */
        VALIDATION_LOSS
    }

    private final Cause cause;
    private final int epoch;
    private final int batch;

    /** The loss of batch {@code batch} (1-based) of epoch {@code epoch} was {@code loss}. */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss) {
        this(Cause.LOSS, epoch, batch, "the loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of "
                + batches + "." + REMEDY);
    }

    private TrainingDivergedException(Cause cause, int epoch, int batch, String message) {
        super("Training diverged: " + message);
        this.cause = cause;
        this.epoch = epoch;
        this.batch = batch;
    }

    /** Tensor {@code tensor} held {@code value} after the last update of epoch {@code epoch}. */
    static TrainingDivergedException weights(int epoch, int batches, String tensor, double value) {
        return new TrainingDivergedException(Cause.WEIGHTS, epoch, batches, "the weights " + tensor + " hold " + value
                + " after the last update of epoch " + epoch + " (batch " + batches + " of " + batches + ")." + REMEDY);
    }

    /** The mean loss of batches {@code from..to} of epoch {@code epoch} stayed at {@code loss}, far above {@code guess}. */
    static TrainingDivergedException lossAboveGuess(int epoch, int from, int to, double loss, double guess,
                                                    int classes) {
        return new TrainingDivergedException(Cause.LOSS_ABOVE_GUESS, epoch, to, String.format(Locale.ROOT,
                "the training loss stays far above a uniform guess's: %.4g over %s of epoch %d, against %.4g for "
                        + "guessing uniformly among %d classes, and it is not coming down. Lower the learning rate.",
                loss, from == to ? "batch " + to : "batches " + from + "-" + to, epoch, guess, classes));
    }

    /** The validation loss after epoch {@code epoch} was {@code loss}. */
    static TrainingDivergedException validation(int epoch, int batches, double loss) {
        return new TrainingDivergedException(Cause.VALIDATION_LOSS, epoch, batches, "the validation loss became "
                + loss + " after epoch " + epoch + "." + REMEDY);
    }

    /** Which check found the divergence. */
    public Cause reason() {
        return cause;
    }

    /** 1-based epoch where training diverged. */
    public int epoch() {
        return epoch;
    }

    /** 1-based batch within that epoch (for checks made at the end of an epoch: its last batch). */
    public int batch() {
        return batch;
    }
}
