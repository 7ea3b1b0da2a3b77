package org.nnfs.mnist.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Writes the seed inputs of {@link DigitImagesFuzzTest}: a small hand-drawn "7" in every colour layout
 * and file format the loader meets (grey, RGB, RGBA on a transparent canvas, palette, 16-bit grey; PNG,
 * JPEG, and GIF and BMP, which it refuses). Run once:
 *
 * <pre>
 * java -cp &lt;nn-mnist test class path&gt; org.nnfs.mnist.image.ImageSeeds \
 *     nn-mnist/src/test/resources/org/nnfs/mnist/image/DigitImagesFuzzTestInputs/prepare
 * </pre>
 */
public final class ImageSeeds {
    private ImageSeeds() {
    }

    /** Writes the seeds into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Headless.ensure();
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        write(out, "grey.png", seven(BufferedImage.TYPE_BYTE_GRAY, Color.WHITE, Color.BLACK), "png");
        write(out, "rgb.png", seven(BufferedImage.TYPE_INT_RGB, new Color(230, 225, 210), new Color(20, 20, 120)), "png");
        write(out, "transparent.png", seven(BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0), Color.BLACK), "png");
        write(out, "palette.png", seven(BufferedImage.TYPE_BYTE_INDEXED, Color.WHITE, Color.BLACK), "png");
        write(out, "grey16.png", seven(BufferedImage.TYPE_USHORT_GRAY, Color.BLACK, Color.WHITE), "png");
        write(out, "photo.jpg", seven(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.DARK_GRAY), "jpg");
        write(out, "grey.jpg", seven(BufferedImage.TYPE_BYTE_GRAY, Color.BLACK, Color.WHITE), "jpg");
        write(out, "drawing.gif", seven(BufferedImage.TYPE_BYTE_INDEXED, Color.WHITE, Color.BLUE), "gif");
        write(out, "scan.bmp", seven(BufferedImage.TYPE_3BYTE_BGR, Color.WHITE, Color.BLACK), "bmp");
        write(out, "blank.png", seven(BufferedImage.TYPE_BYTE_GRAY, Color.WHITE, Color.WHITE), "png");
    }

    /** A 20x24 picture of a "7" in {@code ink} on {@code paper}. */
    private static BufferedImage seven(int type, Color paper, Color ink) {
        BufferedImage image = new BufferedImage(20, 24, type);
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(paper);
        g.fillRect(0, 0, 20, 24);
        g.setColor(ink);
        g.setStroke(new BasicStroke(3));
        g.drawLine(4, 4, 16, 4);
        g.drawLine(16, 4, 8, 21);
        g.dispose();
        return image;
    }

    private static void write(Path dir, String name, BufferedImage image, String format) throws IOException {
        if (!ImageIO.write(image, format, dir.resolve(name).toFile())) {
            throw new IOException("no " + format + " writer for " + name);
        }
    }
}
