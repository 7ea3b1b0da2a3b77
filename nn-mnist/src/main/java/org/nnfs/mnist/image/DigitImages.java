package org.nnfs.mnist.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reading pictures of digits from files, and writing grey images as PNG. */
public final class DigitImages {
    /** Largest picture accepted (a 12-megapixel photo is 12,000,000). */
    public static final long MAX_PIXELS = 40_000_000L;

    private DigitImages() {
    }

    /**
     * Reads a PNG or JPEG. Other formats ImageIO knows are refused: a stranger's BMP can make its
     * reader allocate what the header says before reading anything (an embedded-JPEG BMP of 313 bytes
     * ran a 5 GB heap out of memory), and the tool documents PNG and JPEG only.
     *
     * @throws NoSuchFileException   if the file does not exist
     * @throws InvalidImageException if it is not a readable image, or is cut short (a JPEG decoder fills in
     *                               what is missing)
     */
    public static BufferedImage read(Path file) throws IOException {
        Headless.ensure();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidImageException(file, "not a regular file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, Files.size(file), file.toString());
        }
    }

    /**
     * Reads a PNG or JPEG held in memory (an upload), with the checks of {@link #read(Path)}.
     *
     * @param source names the picture in error messages (for example "request body")
     * @throws InvalidImageException if it is not a readable PNG or JPEG
     */
    public static BufferedImage read(byte[] data, String source) throws IOException {
        Headless.ensure();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            return decode(in, data.length, source);
        }
    }

    private static BufferedImage decode(ImageInputStream in, long bytes, String source) throws IOException {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidImageException(source, "not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw new InvalidImageException(source, "a " + format.toUpperCase(Locale.ROOT)
                            + " image; only PNG and JPEG pictures are read");
                }
                reader.setInput(in, true, true);
                // The header's size, checked before decoding allocates it: a tiny file can claim a huge picture.
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new InvalidImageException(source, reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is more than the " + MAX_PIXELS + " accepted");
                }
                if (pixels > maxPixelsPerByte(format) * bytes) {
                    throw new InvalidImageException(source, reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels"
                            + " cannot come from a " + format.toUpperCase(Locale.ROOT) + " file of " + bytes
                            + " bytes: it is truncated or forged");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((decoder, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    // The JPEG decoder fills in what is missing and only warns: "Truncated File - Missing EOI
                    // marker", "Premature end of JPEG file", "premature end of data segment".
                    String w = warning.toLowerCase(Locale.ROOT);
                    if (w.contains("truncated") || w.contains("premature end")) {
                        throw new InvalidImageException(source, "is truncated (the decoder says: " + warning
                                + "); the missing part would be read as blank");
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(source, "cannot be decoded as an image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Most pixels one byte of a complete file of the format can encode, with margin: PNG's deflate packs
     * at most 1032 bytes, so 8256 one-bit pixels, into one; a baseline or progressive JPEG spends at least
     * one bit on each 8x8 block (512 pixels a byte). Decoders fill a truncated image in, so without this
     * bound a header of a few hundred bytes costs the memory and time of a picture of millions of pixels.
     */
    private static long maxPixelsPerByte(String format) {
        return format.equals("png") ? 10_000 : 1_000;
    }

    /**
     * Reads and prepares a picture for the network.
     *
     * @throws InvalidImageException if it cannot be read or no digit is found in it
     */
    public static PreparedDigit prepare(Path file) throws IOException {
        BufferedImage image = read(file);
        try {
            return DigitPreprocessor.prepare(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(file, e.getMessage(), e);
        }
    }

    /**
     * Reads and prepares a picture held in memory (see {@link #read(byte[], String)}).
     *
     * @throws InvalidImageException if it cannot be read or no digit is found in it
     */
    public static PreparedDigit prepare(byte[] data, String source) throws IOException {
        BufferedImage image = read(data, source);
        try {
            return DigitPreprocessor.prepare(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(source, e.getMessage(), e);
        }
    }

    /**
     * A grey image of {@code width x height} values in [0, 1] (row-major), 0 black and 1 white.
     */
    public static BufferedImage grey(float[] values, int width, int height) {
        Headless.ensure();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = Math.round(Math.max(0f, Math.min(1f, values[y * width + x])) * 255f);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    /** Writes {@code image} as PNG to {@code file}. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
