package org.nnfs.mnist.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

import org.nnfs.interop.ModelFormat;
import org.nnfs.mnist.image.DigitImages;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/**
 * What the serve tests serve: the MLP PyTorch trained on MNIST (nn-interop's ONNX fixture, 94.6% on the
 * test set) and the first 200 MNIST test images that come with it, so no test needs the MNIST download.
 */
final class ServedModel {
    static final String FIXTURES = "/org/nnfs/interop/onnx/pytorch/";
    static final int IMAGES = 200;

    private ServedModel() {
    }

    /** Copies the model into {@code dir} and returns the file. */
    static Path file(Path dir) throws IOException {
        Path file = dir.resolve("mlp_gemm_relu.onnx");
        try (InputStream in = resource("mlp_gemm_relu.onnx")) {
            Files.copy(in, file);
        }
        return file;
    }

    /** The model loaded on the vector backend, as {@code serve} loads it. */
    static Sequential load(Path file) throws IOException {
        Backend backend = Backends.get("vector");
        return ModelFormat.load(file, backend);
    }

    /** The first 200 test images, 784 values in [0, 1] each, row-major. */
    static float[] images() {
        byte[] bytes = gunzip("t10k-images-first200-idx3-ubyte.gz", 16);
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xff) / 255f;
        }
        return pixels;
    }

    /** Their labels. */
    static int[] labels() {
        byte[] bytes = gunzip("t10k-labels-first200-idx1-ubyte.gz", 8);
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i];
        }
        return labels;
    }

    /** Test image {@code i} as a grey PNG or JPEG ({@code format} "png" or "jpg"), white digit on black. */
    static byte[] picture(float[] images, int i, String format) {
        float[] one = java.util.Arrays.copyOfRange(images, i * 784, (i + 1) * 784);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(DigitImages.grey(one, 28, 28), format, out)) {
                throw new IOException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(String name, int header) {
        try (InputStream in = new GZIPInputStream(resource(name))) {
            byte[] all = in.readAllBytes();
            return java.util.Arrays.copyOfRange(all, header, all.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ServedModel.class.getResourceAsStream(FIXTURES + name);
        if (in == null) {
            throw new IOException(FIXTURES + name + " is missing: it comes with nn-interop's test-jar");
        }
        return in;
    }
}
