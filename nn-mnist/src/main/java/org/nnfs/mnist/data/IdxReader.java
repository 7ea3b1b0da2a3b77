package org.nnfs.mnist.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads IDX files (the format of the MNIST distribution), raw or gzip-compressed.
 *
 * <p>Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the file name. Everything
 * the header claims is checked before memory is allocated for it: a header announcing billions of
 * images is rejected outright. For a raw file the claimed size must equal the file's size; for a gzip
 * stream (whose uncompressed size is unknown in advance) the buffer grows as data actually arrives and
 * never beyond the claimed size, itself capped at {@link #MAX_ELEMENTS}. Read whole, a file must end
 * where its header says, raw or gzipped: bytes after the data, or after the last gzip member, are an
 * error (a read of the first {@code limit} items stops early and does not look).
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest number of elements accepted from one file (MNIST's training images are 47 million). */
    public static final long MAX_ELEMENTS = 100_000_000L;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /** All images of an IDX image file ({@code idx3-ubyte}). */
    public static IdxImages readImages(Path file) throws IOException {
        return readImages(file, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} images of an IDX image file (all of them if it holds fewer).
     *
     * @throws IdxFormatException naming the file when it is not a valid IDX image file
     */
    public static IdxImages readImages(Path file, int limit) throws IOException {
        requirePositive(limit);
        try (Source in = Source.open(file)) {
            in.expectMagic(IMAGES_MAGIC, "images");
            int count = in.dimension("image count");
            int rows = in.dimension("row count");
            int cols = in.dimension("column count");
            if (rows == 0 || cols == 0) {
                throw new IdxFormatException(file, "images of " + rows + "x" + cols + " pixels are empty");
            }
            if ((long) rows * cols > MAX_ELEMENTS) {
                throw new IdxFormatException(file, "images of " + rows + "x" + cols + " pixels exceed the limit of "
                        + MAX_ELEMENTS + " elements");
            }
            long claimed = (long) count * rows * cols; // < 2^31 * 10^8: no overflow
            in.checkClaim(claimed, 16, count + " images of " + rows + "x" + cols + " pixels");
            int take = Math.min(count, limit);
            byte[] pixels = in.readData((long) take * rows * cols, take == count);
            return new IdxImages(take, rows, cols, pixels);
        }
    }

    /** All labels of an IDX label file ({@code idx1-ubyte}). */
    public static byte[] readLabels(Path file) throws IOException {
        return readLabels(file, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} labels of an IDX label file (all of them if it holds fewer). Values are
     * returned as stored; checking their range is the caller's business.
     *
     * @throws IdxFormatException naming the file when it is not a valid IDX label file
     */
    public static byte[] readLabels(Path file, int limit) throws IOException {
        requirePositive(limit);
        try (Source in = Source.open(file)) {
            in.expectMagic(LABELS_MAGIC, "labels");
            int count = in.dimension("label count");
            in.checkClaim(count, 8, count + " labels");
            int take = Math.min(count, limit);
            return in.readData(take, take == count);
        }
    }

    /**
     * The item count an IDX image or label file declares, reading only its header; lets a caller that
     * reads a prefix still check that two files agree on their full length.
     */
    public static int declaredCount(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            int magic = in.readInt("magic number");
            if (magic != IMAGES_MAGIC && magic != LABELS_MAGIC) {
                throw new IdxFormatException(file, String.format(Locale.ROOT,
                        "bad magic number 0x%08x, expected 0x%08x (images) or 0x%08x (labels)", magic, IMAGES_MAGIC,
                        LABELS_MAGIC));
            }
            return in.dimension(magic == IMAGES_MAGIC ? "image count" : "label count");
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    /** The open file with its header cursor; knows whether it is compressed and how big it is. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final boolean gzip;
        private final long fileSize;

        private Source(Path file, InputStream in, boolean gzip, long fileSize) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.fileSize = fileSize;
        }

        static Source open(Path file) throws IOException {
            long size;
            InputStream raw;
            try {
                size = Files.size(file);
                raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file.toString(), null, "file not found");
            }
            boolean gzip;
            try {
                raw.mark(2);
                gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
                raw.reset();
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
            if (!gzip) {
                return new Source(file, raw, false, size);
            }
            try {
                return new Source(file, Compression.gunzip(raw), true, size);
            } catch (IOException e) {
                throw new IdxFormatException(file, "corrupt gzip header (" + Compression.describe(e) + ")", e);
            }
        }

        void expectMagic(int expected, String what) throws IOException {
            int magic = readInt("magic number");
            if (magic == expected) {
                return;
            }
            String hint;
            if (magic == IMAGES_MAGIC || magic == LABELS_MAGIC) {
                hint = " (this is an IDX " + (magic == IMAGES_MAGIC ? "images" : "labels") + " file; were the"
                        + " image and label files swapped?)";
            } else if ((magic >>> 16) != 0) {
                hint = " (not an IDX file" + (gzip ? "" : ", and not gzip-compressed either") + ")";
            } else {
                hint = "";
            }
            throw new IdxFormatException(file, String.format(Locale.ROOT,
                    "bad magic number 0x%08x, expected 0x%08x for IDX unsigned-byte %s%s", magic, expected, what, hint));
        }

        int dimension(String name) throws IOException {
            int value = readInt(name);
            if (value < 0) {
                throw new IdxFormatException(file, "negative " + name + " " + value + " in the header");
            }
            return value;
        }

        /** Rejects a header whose data could not fit the limits or (raw files) the file, before any allocation. */
        void checkClaim(long elements, int headerBytes, String description) throws IOException {
            if (elements == 0) {
                throw new IdxFormatException(file, "the header claims " + description + ": the file holds no data");
            }
            if (elements > MAX_ELEMENTS) {
                throw new IdxFormatException(file, "the header claims " + description + " = " + elements
                        + " bytes, more than the limit of " + MAX_ELEMENTS);
            }
            if (!gzip && fileSize != headerBytes + elements) {
                throw new IdxFormatException(file, "the header claims " + description + " = " + (headerBytes + elements)
                        + " bytes with the header, but the file has " + fileSize + " bytes"
                        + (fileSize < headerBytes + elements ? " (truncated?)" : " (trailing data)"));
            }
        }

        /**
         * Reads {@code length} data bytes. For gzip the buffer grows with the data that actually arrives,
         * so a small file with a lying header costs little memory before it is rejected.
         */
        byte[] readData(long length, boolean expectEnd) throws IOException {
            int n = Math.toIntExact(length);
            byte[] buffer = new byte[gzip ? Math.min(n, FIRST_CHUNK) : n];
            int filled = 0;
            try {
                while (filled < n) {
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(n, 2L * buffer.length));
                    }
                    int read = in.read(buffer, filled, buffer.length - filled);
                    if (read < 0) {
                        throw new IdxFormatException(file, "truncated: the header promises " + n
                                + " data bytes but the " + (gzip ? "uncompressed stream" : "file") + " ends after " + filled);
                    }
                    filled += read;
                }
                if (expectEnd && gzip && in.read() >= 0) {
                    throw new IdxFormatException(file, "trailing data after the " + n + " bytes the header promises");
                }
            } catch (IdxFormatException e) {
                throw e;
            } catch (IOException e) {
                if (!gzip) {
                    throw e;
                }
                throw new IdxFormatException(file, "corrupt gzip data after " + filled + " bytes ("
                        + Compression.describe(e) + ")", e);
            }
            return buffer;
        }

        private int readInt(String name) throws IOException {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int b;
                try {
                    b = in.read();
                } catch (IOException e) {
                    if (!gzip) {
                        throw e;
                    }
                    throw new IdxFormatException(file, "corrupt gzip data in the header (" + Compression.describe(e)
                            + ")", e);
                }
                if (b < 0) {
                    throw new IdxFormatException(file, "too short: the header ends before its " + name);
                }
                value = (value << 8) | b;
            }
            return value;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
