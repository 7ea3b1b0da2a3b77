package org.nnfs.mnist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures whose header claims far more pixels than the file can hold (a truncated download, a forged
 * header), or in a format whose reader trusts such headers, are rejected before a decoder allocates. Runs in its own JVM with {@code -Xmx64m}
 * (the {@code bounded-allocation} execution in this module's pom), where decoding a 36-megapixel claim
 * would end in an {@link OutOfMemoryError}; each case also measures what the rejected read allocated.
 */
class DigitImagesBoundedAllocationTest {
    /** ImageIO's readers, buffers and the message. */
    private static final long ALLOWANCE = 4L << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 64L << 20, "this test must run with -Xmx64m, but the heap may grow to " + (max >> 20)
                + " MiB; run it through the module's bounded-allocation execution");
        // Load ImageIO and its readers first, so the measurements count only the reading.
        Path file = warmUp.resolve("warm-up.png");
        Files.write(file, picture("png"));
        DigitImages.prepare(file);
    }

    @Test
    @DisplayName("a PNG of a few hundred bytes whose header claims 6000 x 6000 pixels")
    void forgedPng() throws IOException {
        byte[] png = picture("png");
        // IHDR is the first chunk: length (4), "IHDR" (4), width (4), height (4), ..., CRC after 13 data bytes.
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 6000).putInt(20, 6000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        assertRejected(write("forged.png", png));
    }

    @Test
    @DisplayName("a JPEG of a few hundred bytes whose frame header claims 6000 x 6000 pixels")
    void forgedJpeg() throws IOException {
        byte[] jpeg = picture("jpg");
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        assertTrue(sof > 0, "no baseline frame header");
        // SOF0: marker (2), length (2), precision (1), height (2), width (2).
        ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) 6000).putShort(sof + 7, (short) 6000);
        assertRejected(write("forged.jpg", jpeg));
    }

    @Test
    @DisplayName("a BMP of 313 bytes whose embedded-image header made ImageIO allocate 911 MB")
    void embeddedBmp() throws IOException {
        // Found by fuzzing; kept in the fuzz target's corpus. Only PNG and JPEG are read since.
        byte[] bmp;
        try (var in = getClass().getResourceAsStream(
                "DigitImagesFuzzTestInputs/prepare/crash-ee04b07682e3b9c879ad502590b3bb53dbec4654")) {
            bmp = in.readAllBytes();
        }
        Path file = write("embedded.bmp", bmp);
        long before = allocatedBytes();
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(file));
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains("only PNG and JPEG"), e.getMessage());
        assertTrue(allocated < ALLOWANCE, "rejecting the BMP allocated " + allocated + " bytes");
    }

    @Test
    @DisplayName("a real picture still loads in the same small heap")
    void honestPictureLoads() throws IOException {
        assertEquals(28 * 28, DigitImages.prepare(write("seven.png", picture("png"))).pixels().length);
    }

    private void assertRejected(Path file) {
        long before = allocatedBytes();
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(file));
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains("6000x6000 pixels cannot come from"), e.getMessage());
        assertTrue(allocated < ALLOWANCE, "rejecting " + file.getFileName() + " allocated " + allocated + " bytes");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** A 40x40 grey picture of a bar, in {@code format}. */
    private static byte[] picture(String format) throws IOException {
        Headless.ensure();
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLACK);
        g.fillRect(17, 5, 6, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte a, byte b) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == a && bytes[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
