package org.nnfs.interop.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The first 200 MNIST test images and labels, committed next to the PyTorch fixtures (see their
 * README), with pixels scaled to 0..1 as the MNIST app scales them.
 */
public final class MnistSubset {
    /** Images in the subset. */
    public static final int COUNT = 200;
    /** Pixels per image. */
    public static final int PIXELS = 784;
    private static final String DIR = "/org/nnfs/interop/onnx/pytorch/";

    private static final float[] IMAGES = images();
    private static final int[] LABELS = labels();

    private MnistSubset() {
    }

    /** {@code COUNT * PIXELS} values in 0..1, row-major (a copy). */
    public static float[] images() {
        if (IMAGES != null) {
            return IMAGES.clone();
        }
        try (DataInputStream in = open("t10k-images-first200-idx3-ubyte.gz")) {
            check(in.readInt() == 0x803 && in.readInt() == COUNT && in.readInt() == 28 && in.readInt() == 28);
            float[] x = new float[COUNT * PIXELS];
            for (int i = 0; i < x.length; i++) {
                x[i] = in.readUnsignedByte() / 255f;
            }
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code COUNT} labels (a copy). */
    public static int[] labels() {
        if (LABELS != null) {
            return LABELS.clone();
        }
        try (DataInputStream in = open("t10k-labels-first200-idx1-ubyte.gz")) {
            check(in.readInt() == 0x801 && in.readInt() == COUNT);
            int[] y = new int[COUNT];
            for (int i = 0; i < y.length; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code n} images as float64. */
    public static double[] imagesAsDoubles(int n) {
        float[] x = images();
        double[] d = new double[n * PIXELS];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream raw = MnistSubset.class.getResourceAsStream(DIR + name);
        if (raw == null) {
            throw new IOException("test resource " + DIR + name + " is missing");
        }
        return new DataInputStream(new GZIPInputStream(raw));
    }

    private static void check(boolean header) throws IOException {
        if (!header) {
            throw new IOException("unexpected IDX header in the MNIST subset");
        }
    }
}
