package org.nnfs.mnist.progress;

import org.nnfs.train.BatchProgress;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/** Feeds a {@link ProgressPrinter} from the trainer's listener calls. */
public final class TrainingProgress implements TrainingListener {
    private final ProgressPrinter printer;
    private final boolean heldOut;
    private int lastEpoch;
    private double trainingSeconds;

    /** Progress validated on the test set each epoch. */
    public TrainingProgress(ProgressPrinter printer) {
        this(printer, false);
    }

    /**
     * @param printer where progress is shown
     * @param heldOut whether each epoch validates on a split held out of the training set (else on the test set)
     */
    public TrainingProgress(ProgressPrinter printer, boolean heldOut) {
        this.printer = printer;
        this.heldOut = heldOut;
    }

    @Override
    public void onStart(Trainer trainer, int firstEpoch, int lastEpoch) {
        this.lastEpoch = lastEpoch;
        printer.epochStarted();
    }

    @Override
    public void onBatch(BatchProgress p) {
        if (p.batch() == p.batches()) {
            trainingSeconds += p.elapsedSeconds();
        }
        printer.batch(p.epoch(), p.epochs(), p.batch(), p.batches(), p.samplesPerSecond(), p.runningLoss());
    }

    /**
     * Seconds spent in the epochs' batches so far (shuffling, gathering, forward, backward, optimizer steps),
     * without the evaluation after each epoch: what PyTorch's training loop times when it evaluates nothing.
     */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    @Override
    public void onEpoch(EpochSummary s) {
        if (heldOut) {
            printer.epochFinished(s.epoch(), lastEpoch, s.trainLoss(), s.trainAccuracy(), "val", s.validationLoss(),
                    s.validationAccuracy(), s.seconds());
        } else {
            printer.epochFinished(s.epoch(), lastEpoch, s.trainLoss(), s.trainAccuracy(), s.validationAccuracy(),
                    s.seconds());
        }
        printer.epochStarted();
    }
}
