package org.nnfs.mnist.progress;

import org.nnfs.train.BatchProgress;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/** Feeds a {@link ProgressPrinter} from the trainer's listener calls. */
public final class TrainingProgress implements TrainingListener {
    private final ProgressPrinter printer;
    private int lastEpoch;

    /** @param printer where progress is shown */
    public TrainingProgress(ProgressPrinter printer) {
        this.printer = printer;
    }

    @Override
    public void onStart(Trainer trainer, int firstEpoch, int lastEpoch) {
        this.lastEpoch = lastEpoch;
        printer.epochStarted();
    }

    @Override
    public void onBatch(BatchProgress p) {
        printer.batch(p.epoch(), p.epochs(), p.batch(), p.batches(), p.samplesPerSecond(), p.runningLoss());
    }

    @Override
    public void onEpoch(EpochSummary s) {
        printer.epochFinished(s.epoch(), lastEpoch, s.trainLoss(), s.trainAccuracy(), s.validationAccuracy(), s.seconds());
        printer.epochStarted();
    }
}
