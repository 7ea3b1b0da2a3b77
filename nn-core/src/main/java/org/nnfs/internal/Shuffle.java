package org.nnfs.internal;

import java.util.SplittableRandom;

/** The one Fisher-Yates shuffle of the library: epoch orders, holdout splits and dataset splits draw the same way. */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code a} in place with {@code random}. */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
