package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.mnist.testing.TestData.concat;
import static org.nnfs.mnist.testing.TestData.gzip;
import static org.nnfs.mnist.testing.TestData.header;
import static org.nnfs.mnist.testing.TestData.idxImages;
import static org.nnfs.mnist.testing.TestData.idxLabels;
import static org.nnfs.mnist.testing.TestData.write;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealTestSetRawAndGzipped() throws IOException {
        byte[] raw = TestData.mnistContent(MnistFile.TEST_IMAGES);
        Path gz = write(dir, "images.gz", gzip(raw));
        IdxImages im = IdxReader.readImages(gz);
        byte[] lab = IdxReader.readLabels(write(dir, "labels.gz", gzip(TestData.mnistContent(MnistFile.TEST_LABELS))));
        assertEquals(10_000, im.count());
        assertEquals(28, im.rows());
        assertEquals(28, im.cols());
        assertEquals(10_000 * 784, im.pixels().length);
        // The first ten test labels as published.
        assertArrayEquals(new byte[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(lab, 10));
        // The same bytes as the file's content after its 16-byte header.
        assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), im.pixels());

        // And the raw file, stored under a ".gz" name: detection is by content, not name.
        Path looksGzipped = write(dir, "looks-gzipped.gz", raw);
        assertArrayEquals(im.pixels(), IdxReader.readImages(looksGzipped).pixels());
        assertEquals(10_000, IdxReader.declaredCount(looksGzipped));
    }

    @Test
    void limitReadsAPrefix() throws IOException {
        Path labels = TestData.sampleDir().resolve(MnistFile.TEST_LABELS.gzipFileName());
        assertArrayEquals(new byte[] {7, 2, 1}, IdxReader.readLabels(labels, 3));
        IdxImages all = IdxReader.readImages(write(dir, "i", idxImages(3, 2, 2, bytes(12))));
        IdxImages two = IdxReader.readImages(write(dir, "i2", idxImages(3, 2, 2, bytes(12))), 2);
        assertEquals(2, two.count());
        assertArrayEquals(Arrays.copyOf(all.pixels(), 8), two.pixels());
        assertEquals(3, IdxReader.readImages(write(dir, "i3", idxImages(3, 2, 2, bytes(12))), 99).count());
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        byte[] pixels = bytes(2 * 3 * 4);
        Path gzNoSuffix = write(dir, "images-idx3-ubyte", gzip(idxImages(2, 3, 4, pixels)));
        IdxImages im = IdxReader.readImages(gzNoSuffix);
        assertEquals(2, im.count());
        assertEquals(3, im.rows());
        assertEquals(4, im.cols());
        assertArrayEquals(pixels, im.pixels());
    }

    @Test
    void rejectsWrongMagicNamingTheFile() throws IOException {
        Path labels = write(dir, "labels", idxLabels(new byte[] {1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().startsWith(labels.toString() + ": bad magic number 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());

        Path text = write(dir, "text.txt", "hello world, not idx".getBytes());
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(text));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void rejectsAHugeClaimBeforeAllocating() throws IOException {
        // 2^31-1 images of 28x28 would need 1.7 TB; the file has 16 bytes.
        Path raw = write(dir, "huge", header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(raw));
        assertTrue(e.getMessage().contains("more than the limit of 100000000"), e.getMessage());
        Path gz = write(dir, "huge.gz", gzip(header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28)));
        assertThrows(IdxFormatException.class, () -> IdxReader.readImages(gz));
        Path hugeSides = write(dir, "sides", header(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 65536, 65536));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(hugeSides));
        assertTrue(e.getMessage().contains("exceed the limit"), e.getMessage());
        Path labels = write(dir, "labels-huge", header(IdxReader.LABELS_MAGIC, 2_000_000_000));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(labels));
        assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
    }

    @Test
    void rejectsAClaimLargerThanTheRawFile() throws IOException {
        // 100 images of 28x28 claimed, 3 present: caught by comparing with the file size.
        Path raw = write(dir, "short", concat(header(IdxReader.IMAGES_MAGIC, 100, 28, 28), bytes(3 * 784)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(raw, 1));
        assertTrue(e.getMessage().contains("but the file has 2368 bytes (truncated?)"), e.getMessage());
        Path longer = write(dir, "long", concat(idxLabels(new byte[] {1, 2}), new byte[] {9}));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(longer));
        assertTrue(e.getMessage().contains("(trailing data)"), e.getMessage());
    }

    @Test
    void rejectsTruncatedOrTrailingGzipContent() throws IOException {
        // Under the cap, so the claim alone is plausible; the stream ends early.
        Path gz = write(dir, "short.gz", gzip(concat(header(IdxReader.IMAGES_MAGIC, 100_000, 28, 28), bytes(784))));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().contains("truncated: the header promises 78400000 data bytes but the uncompressed"
                + " stream ends after 784"), e.getMessage());
        Path trailing = write(dir, "trailing.gz", gzip(concat(idxLabels(new byte[] {3, 5}), new byte[] {4})));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(trailing));
        assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
        // With a limit the rest is never read, so trailing bytes cannot be seen; the prefix is still right.
        assertArrayEquals(new byte[] {3}, IdxReader.readLabels(trailing, 1));
    }

    @Test
    void rejectsCorruptGzipAndShortFiles() throws IOException {
        byte[] good = gzip(idxLabels(bytes(5000)));
        byte[] corrupt = good.clone();
        for (int i = 20; i < corrupt.length - 8; i++) {
            corrupt[i] ^= 0x5a;
        }
        Path bad = write(dir, "corrupt.gz", corrupt);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());

        Path cut = write(dir, "cut.gz", Arrays.copyOf(good, good.length / 2));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(cut));
        assertTrue(e.getMessage().contains("corrupt gzip data") || e.getMessage().contains("truncated"), e.getMessage());

        Path empty = write(dir, "empty", new byte[0]);
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(empty));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());

        Path negative = write(dir, "negative", header(IdxReader.IMAGES_MAGIC, 1, -28, 28));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(negative));
        assertTrue(e.getMessage().contains("negative row count -28"), e.getMessage());

        Path zero = write(dir, "zero", header(IdxReader.LABELS_MAGIC, 0));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(zero));
        assertTrue(e.getMessage().contains("holds no data"), e.getMessage());
    }

    @Test
    @DisplayName("bytes after the last gzip member are refused, as trailing bytes of a raw file are")
    void rejectsDataAfterTheGzipStream() throws IOException {
        byte[] labels = idxLabels(new byte[] {3, 5, 7});
        Path junk = write(dir, "junk.gz", concat(gzip(labels), bytes(16)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(junk));
        assertTrue(e.getMessage().startsWith(junk + ": ") && e.getMessage().contains("after a valid .gz stream"),
                e.getMessage());
        // Members one after the other are one gzip file (as gzip -d reads them): the data is their concatenation.
        byte[] whole = gzip(labels);
        Path members = write(dir, "members.gz", concat(gzip(Arrays.copyOf(labels, 9)),
                gzip(Arrays.copyOfRange(labels, 9, labels.length))));
        assertArrayEquals(new byte[] {3, 5, 7}, IdxReader.readLabels(members));
        assertEquals(3, IdxReader.readLabels(write(dir, "whole.gz", whole)).length);
    }

    @Test
    @DisplayName("a gzip file cut short or holding its magic bytes only says so, never '(null)'")
    void gzipCutShortIsDescribed() throws IOException {
        byte[] good = gzip(idxLabels(bytes(5000)));
        Path cut = write(dir, "cut3.gz", Arrays.copyOf(good, good.length - 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(cut));
        assertTrue(e.getMessage().startsWith(cut + ": ") && !e.getMessage().contains("null"), e.getMessage());
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
        Path magic = write(dir, "magic.gz", new byte[] {0x1f, (byte) 0x8b});
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(magic));
        assertTrue(e.getMessage().startsWith(magic + ": corrupt gzip header (") && !e.getMessage().contains("null"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path none = dir.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.readLabels(none));
        assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 % 10);
        }
        return b;
    }
}
