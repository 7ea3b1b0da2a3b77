package org.nnfs.mnist.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Where the tests find the real MNIST files, and small IDX files made on the spot. */
public final class TestData {
    private TestData() {
    }

    /**
     * The shared MNIST directory: the system property {@code nn.test.mnist} (set by the parent pom), else
     * {@code shared/data/mnist} in the nearest ancestor of the working directory that has it (a worktree
     * may sit deeper than the main checkout).
     */
    public static Path mnistDir() {
        String property = System.getProperty("nn.test.mnist");
        if (property != null && hasFiles(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/mnist");
            if (hasFiles(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("MNIST test data not found: set -Dnn.test.mnist=DIR (tried property "
                + property + " and shared/data/mnist above " + Path.of("").toAbsolutePath() + ")");
    }

    private static boolean hasFiles(Path dir) {
        return Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"));
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
