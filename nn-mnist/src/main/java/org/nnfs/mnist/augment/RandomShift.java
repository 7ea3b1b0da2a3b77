package org.nnfs.mnist.augment;

import java.util.SplittableRandom;

import org.nnfs.train.BatchTransform;

/**
 * Moves each image of a training batch by a random offset of up to {@code maxShift} pixels along each
 * axis, filling the uncovered border with 0 (MNIST's background): the classic augmentation that makes a
 * classifier tolerant of where a digit sits. Each image draws its horizontal then its vertical offset,
 * uniformly from {@code -maxShift .. maxShift}, from the trainer's per-epoch stream, so every epoch sees
 * new shifts and a resumed run the same ones. Works in place through one row of scratch, allocated once.
 */
public final class RandomShift implements BatchTransform {
    private final int height;
    private final int width;
    private final int maxShift;
    private final float[] floatImage;
    private final double[] doubleImage;
    private final float[] floatZeros;
    private final double[] doubleZeros;

    /** Shifts of up to {@code maxShift} (at least 1, less than both sides) for images of {@code height × width}. */
    public RandomShift(int height, int width, int maxShift) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (maxShift < 1 || maxShift >= Math.min(height, width)) {
            throw new IllegalArgumentException("shift must be at least 1 and less than the image's sides ("
                    + height + "x" + width + "), got " + maxShift);
        }
        this.height = height;
        this.width = width;
        this.maxShift = maxShift;
        this.floatImage = new float[height * width];
        this.doubleImage = new double[height * width];
        this.floatZeros = new float[width];
        this.doubleZeros = new double[width];
    }

    /** The largest offset, in pixels. */
    public int maxShift() {
        return maxShift;
    }

    @Override
    public void apply(float[] features, int rows, int cols, SplittableRandom random) {
        shiftAll(features, floatImage, floatZeros, rows, cols, random);
    }

    @Override
    public void apply(double[] features, int rows, int cols, SplittableRandom random) {
        shiftAll(features, doubleImage, doubleZeros, rows, cols, random);
    }

    /**
     * Moves each of the {@code rows} images of {@code features} by the offsets it draws. The arrays are
     * all {@code float[]} or all {@code double[]}: {@link System#arraycopy} serves both, so one body does.
     */
    private void shiftAll(Object features, Object image, Object zeros, int rows, int cols, SplittableRandom random) {
        if (cols != height * width) {
            throw new IllegalArgumentException("RandomShift for " + height + "x" + width + " images got batches of "
                    + cols + " values per example");
        }
        for (int r = 0; r < rows; r++) {
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            System.arraycopy(features, r * cols, image, 0, cols);
            shift(image, zeros, features, r * cols, dx, dy);
        }
    }

    /**
     * Writes {@code source} moved by {@code (dx, dy)} into {@code target} from {@code offset}:
     * {@code target(x, y) = source(x - dx, y - dy)}, 0 (from {@code zeros}) where that falls outside.
     */
    private void shift(Object source, Object zeros, Object target, int offset, int dx, int dy) {
        int from = Math.max(0, dx);              // first target column with a source pixel
        int to = Math.min(width, width + dx);    // one past the last
        for (int y = 0; y < height; y++) {
            int row = offset + y * width;
            int sourceY = y - dy;
            if (sourceY < 0 || sourceY >= height) {
                System.arraycopy(zeros, 0, target, row, width);
                continue;
            }
            System.arraycopy(zeros, 0, target, row, from);
            System.arraycopy(source, sourceY * width + from - dx, target, row + from, to - from);
            System.arraycopy(zeros, 0, target, row + to, width - to);
        }
    }

    @Override
    public String toString() {
        return "RandomShift(up to " + maxShift + " pixels)";
    }
}
