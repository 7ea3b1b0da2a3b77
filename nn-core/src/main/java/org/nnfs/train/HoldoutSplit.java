package org.nnfs.train;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nnfs.internal.Shuffle;

/**
 * A seeded division of a training set's rows into the rows trained on and the rows held out for
 * validation: the first {@code round(fraction · n)} of a seeded permutation are held out. Both lists are
 * in ascending order, so the split depends only on the seed, the fraction and {@code n}: the same
 * examples every epoch, on every backend and after a resume.
 *
 * @param training the rows trained on
 * @param holdout  the rows held out
 */
record HoldoutSplit(int[] training, int[] holdout) {

    /**
     * Splits {@code n} rows.
     *
     * @throws IllegalArgumentException when the fraction would hold out no example or every example
     */
    static HoldoutSplit of(int n, double fraction, long seed) {
        int held = (int) Math.round(fraction * n);
        if (held < 1 || held > n - 1) {
            throw new IllegalArgumentException("validation split " + fraction + " of " + n + " training examples holds "
                    + "out " + held + "; it must leave at least one example on each side");
        }
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        Shuffle.shuffle(permutation, new SplittableRandom(seed));
        int[] holdout = Arrays.copyOfRange(permutation, 0, held);
        int[] training = Arrays.copyOfRange(permutation, held, n);
        Arrays.sort(holdout);
        Arrays.sort(training);
        return new HoldoutSplit(training, holdout);
    }
}
