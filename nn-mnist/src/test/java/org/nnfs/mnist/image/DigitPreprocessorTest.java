package org.nnfs.mnist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.testing.TestData;

class DigitPreprocessorTest {
    static MnistDataset test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Headless.ensure();
        test = TestData.mnistSample().head(50);
    }

    @Test
    void realMnistDigitsComeBackAlmostUnchanged() throws IOException {
        double sum = 0;
        double min = 1;
        for (int i = 0; i < test.count(); i++) {
            Path png = dir.resolve("d" + i + ".png");
            DigitImages.writePng(DigitImages.grey(test.image(i), 28, 28), png);
            PreparedDigit p = DigitImages.prepare(png);
            assertFalse(p.inverted(), "digit " + i);
            sum += correlation(test.image(i), p.pixels());
            min = Math.min(min, bestShiftedCorrelation(test.image(i), p.pixels()));
        }
        // MNIST digits already are 20x20-boxed and mass-centred; re-preparing them moves some by a pixel
        // (rounding of the centre of mass), which for thin strokes costs much correlation, so each
        // digit is compared at its best one-pixel shift too.
        assertTrue(sum / test.count() > 0.9, "mean correlation " + sum / test.count());
        assertTrue(min > 0.9, "min correlation at best shift " + min);
    }

    @Test
    void aDarkDigitOnLightPaperIsInverted() throws IOException {
        for (int i = 0; i < 10; i++) {
            float[] original = test.image(i);
            float[] negative = new float[original.length];
            for (int k = 0; k < negative.length; k++) {
                negative[k] = 1 - original[k];
            }
            PreparedDigit plain = DigitPreprocessor.prepare(DigitImages.grey(original, 28, 28));
            PreparedDigit inverted = DigitPreprocessor.prepare(DigitImages.grey(negative, 28, 28));
            assertTrue(inverted.inverted());
            assertTrue(correlation(plain.pixels(), inverted.pixels()) > 0.99, "digit " + i);
        }
    }

    @Test
    void aLargeColourPictureOnGreyPaperScalesDown() throws IOException {
        for (int i = 0; i < 10; i++) {
            // 5x larger, dark blue ink on light grey paper, off-centre, saved as JPEG.
            BufferedImage big = new BufferedImage(200, 170, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = big.createGraphics();
            g.setColor(new Color(225, 222, 215));
            g.fillRect(0, 0, 200, 170);
            BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
            float[] v = test.image(i);
            for (int k = 0; k < v.length; k++) {
                int a = Math.round(v[k] * 255);
                digit.setRGB(k % 28, k / 28, (a << 24) | 0x102080);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(digit, 50, 10, 140, 140, null);
            g.dispose();
            Path jpeg = dir.resolve("big" + i + ".jpg");
            assertTrue(ImageIO.write(big, "jpeg", jpeg.toFile()));
            PreparedDigit p = DigitImages.prepare(jpeg);
            assertTrue(p.inverted());
            double c = bestShiftedCorrelation(test.image(i), p.pixels());
            assertTrue(c > 0.85, "digit " + i + " correlation " + c);
        }
    }

    @Test
    void transparentCanvasUsesOpacityAsInk() {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        float[] v = test.image(0);
        for (int k = 0; k < v.length; k++) {
            img.setRGB(k % 28, k / 28, (Math.round(v[k] * 255) << 24)); // black strokes on transparent
        }
        PreparedDigit p = DigitPreprocessor.prepare(img);
        assertFalse(p.inverted());
        assertTrue(correlation(v, p.pixels()) > 0.95);
    }

    @Test
    void outputIsCentredByMassInsideA20PixelBox() {
        // A 10x40 bar: scaled to 5x20, centred at (14, 14).
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(5, 50, 10, 40);
        g.dispose();
        float[] p = DigitPreprocessor.prepare(img).pixels();
        int minX = 28, maxX = -1, minY = 28, maxY = -1;
        for (int k = 0; k < p.length; k++) {
            if (p[k] > 0) {
                minX = Math.min(minX, k % 28);
                maxX = Math.max(maxX, k % 28);
                minY = Math.min(minY, k / 28);
                maxY = Math.max(maxY, k / 28);
            }
        }
        assertEquals(20, maxY - minY + 1);
        assertEquals(5, maxX - minX + 1);
        assertEquals(5, minY); // rows 5..24: centre of mass on row 14.5, rounded down the grid
        assertEquals(12, minX); // columns 12..16 around the centre at 14
    }

    @Test
    void blankAndUnreadableImagesAreNamedErrors() throws IOException {
        BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        Path blank = dir.resolve("blank.png");
        ImageIO.write(white, "png", blank.toFile());
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(blank));
        assertTrue(e.getMessage().startsWith(blank + ": no digit found"), e.getMessage());

        Path text = Files.writeString(dir.resolve("note.png"), "not an image");
        e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(text));
        assertEquals(text + ": not a PNG or JPEG image", e.getMessage());

        Path truncated = dir.resolve("cut.png");
        DigitImages.writePng(DigitImages.grey(test.image(1), 28, 28), truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 60));
        e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());

        assertThrows(NoSuchFileException.class, () -> DigitImages.prepare(dir.resolve("missing.png")));

        // A tiny file whose header claims 100000 x 100000 pixels is refused before decoding.
        Path huge = dir.resolve("huge.png");
        DigitImages.writePng(DigitImages.grey(new float[] {1f}, 1, 1), huge);
        byte[] png = Files.readAllBytes(huge);
        java.nio.ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000); // IHDR width and height
        Files.write(huge, png);
        e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(huge));
        assertEquals(huge + ": 100000x100000 pixels is more than the 40000000 accepted", e.getMessage());
    }

    @Test
    void aTruncatedJpegIsNamedAsSuch() throws IOException {
        BufferedImage digit = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = digit.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLACK);
        g.fillRect(90, 20, 20, 160);
        g.dispose();
        Path whole = dir.resolve("one.jpg");
        ImageIO.write(digit, "jpeg", whole.toFile());
        assertEquals(28 * 28, DigitImages.prepare(whole).pixels().length);
        byte[] bytes = Files.readAllBytes(whole);
        for (int length : new int[] {bytes.length - 2, bytes.length * 2 / 3, bytes.length / 2}) {
            Path cut = dir.resolve("cut-" + length + ".jpg");
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            InvalidImageException e = assertThrows(InvalidImageException.class, () -> DigitImages.prepare(cut));
            assertTrue(e.getMessage().startsWith(cut + ": is truncated (the decoder says: "), e.getMessage());
        }
    }

    /** The largest correlation of {@code a} with {@code b} moved by at most one pixel in each axis. */
    static double bestShiftedCorrelation(float[] a, float[] b) {
        double best = -1;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                float[] moved = new float[b.length];
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sx = x - dx;
                        int sy = y - dy;
                        if (sx >= 0 && sy >= 0 && sx < 28 && sy < 28) {
                            moved[y * 28 + x] = b[sy * 28 + sx];
                        }
                    }
                }
                best = Math.max(best, correlation(a, moved));
            }
        }
        return best;
    }

    /** Pearson correlation of two images. */
    static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
