package org.nnfs.optim;

/**
 * The published formulas of the built-in learning-rate schedules in plain Java, written from PyTorch's
 * documentation ({@code StepLR}, {@code ExponentialLR}, {@code CosineAnnealingLR}, {@code ReduceLROnPlateau})
 * and independent of the library's code. Steps are 1-based over the run, epochs 1-based.
 */
final class ScheduleReference {
    private ScheduleReference() {
    }

    static int epoch(long step, int stepsPerEpoch) {
        return (int) ((step - 1) / stepsPerEpoch) + 1;
    }

    /** Linear warm-up factor over the first {@code warmupEpochs}. */
    static double warmup(long step, int stepsPerEpoch, int warmupEpochs) {
        long w = (long) warmupEpochs * stepsPerEpoch;
        return step < w ? (double) step / w : 1;
    }

    /** StepLR stepped per epoch: {@code lr = base · γ^⌊epoch_index / step_size⌋}, epoch_index from 0. */
    static double step(double base, long step, int stepsPerEpoch, int stepSize, double gamma) {
        return base * Math.pow(gamma, Math.floorDiv(epoch(step, stepsPerEpoch) - 1, stepSize));
    }

    /** ExponentialLR stepped per epoch: {@code lr = base · γ^epoch_index}. */
    static double exponential(double base, long step, int stepsPerEpoch, double gamma) {
        return base * Math.pow(gamma, epoch(step, stepsPerEpoch) - 1);
    }

    /**
     * CosineAnnealingLR's closed form, {@code η_min + (η_max - η_min)(1 + cos(π T_cur / T_max)) / 2}, stepped per
     * batch with {@code T_cur} from 0 and {@code T_max} the run's steps; the floor after {@code T_max}.
     */
    static double cosine(double base, long step, int stepsPerEpoch, int epochs, double min) {
        double tMax = (double) epochs * stepsPerEpoch;
        double tCur = step - 1;
        return tCur >= tMax ? min : min + (base - min) * (1 + Math.cos(Math.PI * tCur / tMax)) / 2;
    }

    /** ReduceLROnPlateau (mode min, threshold_mode rel, cooldown 0), as torch.optim.lr_scheduler implements it. */
    static final class Plateau {
        double lr;
        double best = Double.POSITIVE_INFINITY;
        int numBadEpochs;
        final double factor;
        final int patience;
        final double threshold;
        final double minLr;

        Plateau(double lr, double factor, int patience, double threshold, double minLr) {
            this.lr = lr;
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.minLr = minLr;
        }

        void step(double metric) {
            if (metric < best * (1 - threshold)) {
                best = metric;
                numBadEpochs = 0;
            } else {
                numBadEpochs++;
            }
            if (numBadEpochs > patience) {
                double newLr = Math.max(lr * factor, minLr);
                if (lr - newLr > 1e-8) {
                    lr = newLr;
                }
                numBadEpochs = 0;
            }
        }
    }
}
