package org.nnfs.train;

import java.util.SplittableRandom;

import org.nnfs.internal.Shuffle;

/**
 * The order in which {@link Trainer} visits the training set in each epoch, and the seed of the
 * layers' own randomness (dropout) in that epoch. Both depend only on the trainer's seed and the epoch
 * number, so another trainer that feeds the same batches to the same model, such as a distributed one
 * that splits each batch over several machines, computes the same steps.
 *
 * <p>Epoch {@code e} (1-based, counted over the whole training) visits the examples
 * {@code order[0], order[1], ...}; batch {@code b} is {@code order[b·batchSize .. min((b+1)·batchSize, n))},
 * so the last batch of an epoch may be smaller (or dropped: {@link PartialBatch}). With a validation
 * split, the order is over the positions of the rows the split leaves for training.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /**
     * Fills {@code order} with the visiting order of epoch {@code epoch} over {@code order.length}
     * examples: a Fisher-Yates shuffle of {@code 0 .. n-1} seeded from {@code seed} and the epoch, or
     * the identity when {@code shuffle} is false.
     */
    public static void fill(int[] order, long seed, int epoch, boolean shuffle) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Shuffle.shuffle(order, new SplittableRandom(mix(seed, epoch)));
        }
    }

    /** The seed {@link Trainer} re-seeds the model's layers with ({@code model.reseed}) at the start of the epoch. */
    public static long layerSeed(long seed, int epoch) {
        return mix(mix(seed, epoch), 1);
    }

    /** The seed of epoch {@code epoch}'s batch transforms (e.g. random shifts of images). */
    static long transformSeed(long seed, int epoch) {
        return mix(mix(seed, epoch), 2);
    }

    /** A well-mixed seed for stream {@code k} of {@code seed} (the MurmurHash3 finaliser). */
    static long mix(long seed, long k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85EC3L;
        return z ^ (z >>> 33);
    }
}
