package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.mnist.testing.TestData.gzip;
import static org.nnfs.mnist.testing.TestData.idxImages;
import static org.nnfs.mnist.testing.TestData.idxLabels;
import static org.nnfs.mnist.testing.TestData.write;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

class MnistLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsBothRealSplits() throws IOException {
        MnistDataset train = MnistLoader.load(TestData.mnistDir(), MnistSplit.TRAIN, 10);
        assertEquals(10, train.count());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, train.labelsAsInts());
        MnistDataset test = MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST);
        assertEquals(10_000, test.count());
        assertEquals("test", test.name());
        int[] perClass = new int[10];
        for (int i = 0; i < test.count(); i++) {
            perClass[test.label(i)]++;
        }
        // Published class counts of the MNIST test set.
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, perClass);
        assertEquals(test.head(5), MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, 5));
    }

    @Test
    void theCommittedSampleIsTheStartOfTheRealTestSet() throws IOException {
        MnistDataset sample = TestData.mnistSample();
        assertEquals(TestData.SAMPLE_SIZE, sample.count());
        assertEquals(MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, TestData.SAMPLE_SIZE), sample);
    }

    @Test
    void featuresScaleBytesToUnitInterval() {
        byte[] pixels = new byte[2 * 784];
        pixels[0] = (byte) 255;
        pixels[784 + 3] = (byte) 51;
        MnistDataset d = new MnistDataset("t", 28, 28, pixels, new byte[] {1, 2});
        float[] f = d.features();
        assertEquals(1f, f[0]);
        assertEquals(0.2f, f[784 + 3], 1e-7);
        assertEquals(0.2f, d.image(1)[3], 1e-7);
        float[] batch = new float[784];
        d.features(1, 2, batch);
        assertEquals(0.2f, batch[3], 1e-7);
    }

    @Test
    void rawNameWinsOverGzippedAndBothForms() throws IOException {
        write(dir, "t10k-images-idx3-ubyte.gz", gzip(idxImages(1, 28, 28, new byte[784])));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz"), MnistLoader.find(dir, MnistFile.TEST_IMAGES).orElseThrow());
        write(dir, "t10k-images-idx3-ubyte", idxImages(1, 28, 28, new byte[784]));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte"), MnistLoader.find(dir, MnistFile.TEST_IMAGES).orElseThrow());
        assertTrue(MnistLoader.find(dir, MnistFile.TEST_LABELS).isEmpty());
    }

    @Test
    void countsMustAgreeEvenWithALimit() throws IOException {
        write(dir, "t10k-images-idx3-ubyte", idxImages(3, 28, 28, new byte[3 * 784]));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(new byte[] {1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir, MnistSplit.TEST, 1));
        assertTrue(e.getMessage().contains("3 images but t10k-labels-idx1-ubyte has 2 labels"), e.getMessage());
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        write(dir, "t10k-images-idx3-ubyte", idxImages(3, 28, 28, new byte[3 * 784]));
        Path labels = write(dir, "t10k-labels-idx1-ubyte", idxLabels(new byte[] {1, 12, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir, MnistSplit.TEST));
        assertEquals(labels + ": label 12 at index 1 is outside 0..9", e.getMessage());
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(new byte[] {1, (byte) 200, 2}));
        e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir, MnistSplit.TEST));
        assertTrue(e.getMessage().contains("label 200 at index 1"), e.getMessage());
    }

    @Test
    void imagesMustBe28By28() throws IOException {
        write(dir, "t10k-images-idx3-ubyte", idxImages(2, 8, 8, new byte[2 * 64]));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(new byte[] {1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir, MnistSplit.TEST));
        assertTrue(e.getMessage().contains("images are 8x8, MNIST images are 28x28"), e.getMessage());
    }

    @Test
    void missingFileSaysWhichNamesWereTried() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistLoader.load(dir, MnistSplit.TRAIN));
        assertTrue(e.getMessage().contains("neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz"), e.getMessage());
    }
}
