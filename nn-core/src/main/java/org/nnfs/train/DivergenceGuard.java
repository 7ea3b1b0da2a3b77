package org.nnfs.train;

import java.util.List;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/**
 * Detects a diverging run, cheaply, with three checks:
 * <ol>
 *   <li>every batch: its loss must be finite, before the update it would drive (two comparisons a step);</li>
 *   <li>every epoch, after its last update and before validation and listeners: every model tensor must
 *       be finite. A scan of the weights costs one copy of the model to the host, once an epoch (a scan
 *       per step would cost as much as a small layer's forward pass); a non-finite weight that appears
 *       mid-epoch makes the next batch's loss non-finite, so only the last update needs the scan;</li>
 *   <li>every epoch, for classification data: the mean loss over the epoch's later half of batches must
 *       not stay above {@value #GUESS_FACTOR} times a uniform guess's cross-entropy ({@code ln K} for
 *       {@code K} classes) without coming down (it counts as coming down when it is below
 *       {@value #DECLINE} times the earlier half's mean, or, with a single batch per epoch, the previous
 *       epoch's). A learning rate far too high saturates the loss there (about 20 for a clipped
 *       cross-entropy) with finite weights; a bad start that is being trained away is still falling.</li>
 * </ol>
 * Plus the validation loss, when there is one, must be finite. The checks depend only on the epoch's own
 * batches and the saved history, so a resumed run detects exactly what the uninterrupted one would.
 */
final class DivergenceGuard {
    /** How many times a uniform guess's loss counts as "far above". */
    static final double GUESS_FACTOR = 3;
    /** The share of the reference a loss must fall below to count as coming down. */
    static final double DECLINE = 0.9;

    private final List<ModelTensor> tensors;
    private final int batches;
    private final int classes;
    private final double guessLoss;
    private double[] host = new double[0];
    private double earlySum;
    private int earlyCount;
    private double lateSum;
    private int lateCount;

    /**
     * @param classes the number of classes of the training data, 0 for regression (no loss rule)
     */
    DivergenceGuard(Sequential model, int batches, int classes) {
        this.tensors = model.tensors();
        this.batches = batches;
        this.classes = classes;
        this.guessLoss = classes > 0 ? Math.log(Math.max(classes, 2)) : Double.NaN;
    }

    /** Before an epoch. */
    void startEpoch() {
        earlySum = 0;
        earlyCount = 0;
        lateSum = 0;
        lateCount = 0;
    }

    /** After batch {@code b} (0-based) of {@code epoch}: its loss must be finite. */
    void checkBatch(int epoch, int b, double loss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, b + 1, batches, loss);
        }
        if (b < batches / 2) {
            earlySum += loss;
            earlyCount++;
        } else {
            lateSum += loss;
            lateCount++;
        }
    }

    /**
     * After the last update of {@code epoch}: the weights must be finite and the loss must not stay far
     * above a uniform guess's.
     *
     * @param previousLoss the previous epoch's training loss, NaN for the first
     */
    void checkEpoch(int epoch, double previousLoss) {
        for (int i = 0; i < tensors.size(); i++) {
            double bad = firstNonFinite(tensors.get(i).value());
            if (!Double.isFinite(bad)) {
                throw TrainingDivergedException.weights(epoch, batches, tensors.get(i).name(), bad);
            }
        }
        if (classes == 0 || lateCount == 0) {
            return;
        }
        double late = lateSum / lateCount;
        double reference = earlyCount > 0 ? earlySum / earlyCount : previousLoss;
        if (late > GUESS_FACTOR * guessLoss && !Double.isNaN(reference) && !(late < DECLINE * reference)) {
            throw TrainingDivergedException.lossAboveGuess(epoch, batches - lateCount + 1, batches, late, guessLoss,
                    Math.max(classes, 2));
        }
    }

    /** After validating {@code epoch}: the validation loss, if any, must be finite. */
    void checkValidation(int epoch, double loss, boolean validated) {
        if (validated && !Double.isFinite(loss)) {
            throw TrainingDivergedException.validation(epoch, batches, loss);
        }
    }

    /** The first NaN or infinite value of {@code t}, or 0 when every value is finite. */
    private double firstNonFinite(Tensor t) {
        int n = t.size();
        if (host.length < n) {
            host = new double[n];
        }
        t.backend().copyTo(t, host); // float32 values widen exactly, NaN and infinities included
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(host[i])) {
                return host[i];
            }
        }
        return 0;
    }
}
