package org.nnfs.train;

import java.util.SplittableRandom;

/**
 * Changes the features of each training batch before the forward pass, on a host copy: data
 * augmentation (shifts, flips, noise). The trainer gathers a batch, copies it to {@code features}
 * ({@code rows × cols}, row-major; the array may be longer), calls the transform, and uploads the result;
 * validation and evaluation batches are never transformed. The data set itself is not copied.
 *
 * <p>{@code random} is the trainer's per-epoch stream for transforms, seeded from the trainer's seed and
 * the epoch number, so an epoch's transforms are the same on every backend and after a resume, and new
 * every epoch. Draw from it in a fixed order and nothing else. Implementations must not allocate: they
 * run every step. Float32 models call the {@code float[]} method, float64 models the {@code double[]}
 * one.
 */
public interface BatchTransform {

    /** Transforms a float32 batch in place. */
    void apply(float[] features, int rows, int cols, SplittableRandom random);

    /** Transforms a float64 batch in place; by default refused (implement it to train float64 models). */
    default void apply(double[] features, int rows, int cols, SplittableRandom random) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " transforms float32 batches only");
    }
}
