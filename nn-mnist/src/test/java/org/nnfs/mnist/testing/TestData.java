package org.nnfs.mnist.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.nnfs.mnist.data.ContentDigest;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistFile;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistLocator;
import org.nnfs.mnist.data.MnistSplit;

/**
 * Where the tests find real MNIST data, and small IDX files made on the spot.
 *
 * <p>Two sources of real digits: {@link #mnistDir()}, the four full files, found the way the application
 * finds them (and downloaded the way it downloads them, once per user); and {@link #mnistSample()}, the
 * first 100 test digits committed as a test resource, for tests that need only a few and should run
 * without the network.
 */
public final class TestData {
    /** System property naming a directory that holds the full MNIST files (as the app's {@code --data}). */
    public static final String PROPERTY = "nn.test.mnist";
    /** Digits in the committed sample: the first of the MNIST test set. */
    public static final int SAMPLE_SIZE = 100;
    private static final String SAMPLE = "mnist-sample";

    private static Path mnistDir;

    private TestData() {
    }

    /**
     * The directory holding the four full MNIST files, raw or gzipped (find one with {@link #mnistFile}).
     * Looked up as {@code nn-mnist train} looks: the property {@value #PROPERTY} if set (like
     * {@code --data}), else {@code MNIST_DIR}, else the per-user cache ({@code $XDG_CACHE_HOME/nnfs/mnist}
     * or {@code ~/.cache/nnfs/mnist}), which is filled by the application's own checked download the first
     * time; its progress lines go to standard error. Found once per JVM.
     *
     * @throws UncheckedIOException if the files are in none of these places and cannot be downloaded
     */
    public static synchronized Path mnistDir() {
        if (mnistDir == null) {
            String property = System.getProperty(PROPERTY);
            Path named = property == null || property.isBlank() ? null : Path.of(property.strip());
            Consumer<String> print = line -> System.err.println("[test data] " + line);
            MnistLocator locator = MnistLocator.standard(print, print);
            try {
                mnistDir = locator.locate(named, MnistSplit.TRAIN, MnistSplit.TEST).toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException("the tests need the MNIST files: " + e.getMessage(), e);
            }
        }
        return mnistDir;
    }

    /** The file {@code file} in {@link #mnistDir()}, in whichever form (raw or gzipped) it is there. */
    public static Path mnistFile(MnistFile file) {
        Path dir = mnistDir();
        return MnistLoader.find(dir, file).orElseThrow(() -> new IllegalStateException(file + " vanished from " + dir));
    }

    /** The uncompressed content of {@code file} from {@link #mnistDir()}. */
    public static byte[] mnistContent(MnistFile file) throws IOException {
        return inflated(mnistFile(file));
    }

    /** The committed sample: the first {@value #SAMPLE_SIZE} digits of the MNIST test set, exactly. */
    public static MnistDataset mnistSample() {
        try {
            return MnistLoader.load(sampleDir(), MnistSplit.TEST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of the committed sample (test resources, so a directory on the class path). */
    public static Path sampleDir() {
        URL url = TestData.class.getResource(SAMPLE);
        if (url == null) {
            throw new IllegalStateException("test resource " + SAMPLE + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the sample from the full files: {@code java -cp <nn-mnist test class path>
     * org.nnfs.mnist.testing.TestData nn-mnist/src/test/resources/org/nnfs/mnist/testing/mnist-sample}.
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        byte[] pixels = mnistContent(MnistFile.TEST_IMAGES);
        byte[] labels = mnistContent(MnistFile.TEST_LABELS);
        int n = SAMPLE_SIZE;
        write(out, MnistFile.TEST_IMAGES.gzipFileName(),
                gzip(idxImages(n, 28, 28, Arrays.copyOfRange(pixels, 16, 16 + n * 784))));
        write(out, MnistFile.TEST_LABELS.gzipFileName(), gzip(idxLabels(Arrays.copyOfRange(labels, 8, 8 + n))));
    }

    /** The bytes of an IDX image file holding {@code pixels} as {@code count} images of rows x cols. */
    public static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** The bytes of an IDX label file. */
    public static byte[] idxLabels(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length).put(labels);
        return b.array();
    }

    /** A bare IDX header: magic then dimensions, no data. */
    public static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** {@code data} gzip-compressed. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** The content of {@code file}, inflated if it is gzipped (recognised by content, as the app does). */
    public static byte[] inflated(Path file) throws IOException {
        if (!ContentDigest.isGzip(file)) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Writes {@code data} to {@code dir/name} and returns the path. */
    public static Path write(Path dir, String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    /** Concatenation of byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
