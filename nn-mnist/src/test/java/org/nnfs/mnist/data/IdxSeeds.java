package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.nnfs.mnist.testing.TestData;

/**
 * Writes the seed inputs of {@link IdxReaderFuzzTest}: the first images and labels of the real MNIST
 * test set as small IDX files, in each mode of the fuzz target (see its class comment). Run once:
 *
 * <pre>
 * java -cp &lt;nn-mnist test class path&gt; org.nnfs.mnist.data.IdxSeeds \
 *     nn-mnist/src/test/resources/org/nnfs/mnist/data/IdxReaderFuzzTestInputs/read
 * </pre>
 */
public final class IdxSeeds {
    private IdxSeeds() {
    }

    /** Writes the seeds into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        MnistDataset sample = TestData.mnistSample();
        byte[] pixels = Arrays.copyOf(sample.pixels(), 2 * 784);
        byte[] labels = Arrays.copyOf(sample.labels(), 3);
        byte[] images = TestData.idxImages(2, 28, 28, pixels);
        byte[] tiny = TestData.idxImages(3, 2, 1, new byte[] {0, 1, 2, 3, 4, 5});
        byte[] labelFile = TestData.idxLabels(labels);
        // mode: bit 0 gzip, bits 1-2 call (0 images, 1 labels, 2 declared count, 3 images with limit), bits 3-7 limit - 1
        write(out, "mnist-images-raw", 0, images);
        write(out, "mnist-images-gzip", 1, images);
        write(out, "tiny-images-limit-2", 6 | (1 << 3), tiny);
        write(out, "tiny-images-limit-2-gzip", 7 | (1 << 3), tiny);
        write(out, "labels-raw", 2 | (1 << 3), labelFile);
        write(out, "labels-gzip", 3, labelFile);
        write(out, "count-images", 4, tiny);
        write(out, "count-labels-gzip", 5, labelFile);
        // Already-gzipped bytes given raw: the reader's own gzip detection.
        write(out, "pre-gzipped-images", 0, TestData.gzip(tiny));
        write(out, "huge-claim", 0, TestData.header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28));
    }

    private static void write(Path dir, String name, int mode, byte[] content) throws IOException {
        Files.write(dir.resolve(name), ByteBuffer.allocate(1 + content.length).put((byte) mode).put(content).array());
    }
}
