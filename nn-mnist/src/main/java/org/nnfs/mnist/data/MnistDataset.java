package org.nnfs.mnist.data;

import java.util.Arrays;

/**
 * Labelled digit images held as bytes, the way the IDX files store them (four times smaller than
 * floats). Conversion to the network's input happens in batches, see {@link #features(int, int, float[])}.
 *
 * @param name   what the set is, for messages ("train", "test")
 * @param rows   image height (28 for MNIST)
 * @param cols   image width (28 for MNIST)
 * @param pixels {@code count * rows * cols} unsigned bytes, image after image, row-major
 * @param labels one class 0..9 per image
 */
public record MnistDataset(String name, int rows, int cols, byte[] pixels, byte[] labels) {
    /** Number of classes. */
    public static final int CLASSES = 10;

    /** Checks that pixels and labels describe the same number of images and that labels are 0..9. */
    public MnistDataset {
        if (rows < 1 || cols < 1 || labels.length == 0 || (long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels do not match "
                    + pixels.length + " bytes of " + rows + "x" + cols + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " at index " + i + " is outside 0..9");
            }
        }
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Pixels per image, {@code rows * cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The class of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** All labels as ints. */
    public int[] labelsAsInts() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /** Image {@code i} as grey values in [0, 1], row-major. */
    public float[] image(int i) {
        float[] out = new float[pixelsPerImage()];
        features(i, i + 1, out);
        return out;
    }

    /**
     * Writes images {@code from} (inclusive) to {@code to} (exclusive) as grey values in [0, 1] into
     * {@code out}, row after row: the network's input scaling.
     */
    public void features(int from, int to, float[] out) {
        int n = pixelsPerImage();
        if (from < 0 || to > count() || from >= to || out.length < (to - from) * n) {
            throw new IndexOutOfBoundsException("features(" + from + ", " + to + ") of " + count() + " images into "
                    + out.length + " floats");
        }
        int base = from * n;
        for (int k = 0, len = (to - from) * n; k < len; k++) {
            out[k] = (pixels[base + k] & 0xff) / 255f;
        }
    }

    /** All images as grey values in [0, 1] ({@code count * rows * cols} floats). */
    public float[] features() {
        float[] out = new float[pixels.length];
        features(0, count(), out);
        return out;
    }

    /** The first {@code n} images (all of them if there are fewer). */
    public MnistDataset head(int n) {
        if (n >= count()) {
            return this;
        }
        return new MnistDataset(name, rows, cols, Arrays.copyOf(pixels, n * pixelsPerImage()), Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return name + " set: " + count() + " images of " + rows + "x" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MnistDataset d && name.equals(d.name) && rows == d.rows && cols == d.cols
                && Arrays.equals(pixels, d.pixels) && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(pixels);
    }
}
