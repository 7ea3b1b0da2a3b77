package org.nnfs.mnist.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns a picture of a digit of any size into MNIST's form, following how MNIST itself was made: the
 * digit's bounding box is scaled (aspect kept) to fit a 20x20 box, and that box is placed in a 28x28
 * field so that the centre of mass lands in the middle. Output is white ink on black.
 *
 * <p>Pictures of a dark digit on light paper are recognised by their border (the background) being
 * lighter than mid-grey and inverted. The background level is then subtracted and the contrast
 * stretched, so grey paper and faint pencil still give a clean digit. For images with transparency
 * whose border is transparent (a digit drawn on a transparent canvas) the opacity is the ink.
 */
public final class DigitPreprocessor {
    /** Side of the box the digit is scaled into. */
    static final int BOX = 20;
    /** Ink below this (after normalising) is background noise: JPEG artefacts, paper texture. */
    static final float NOISE = 0.12f;

    private DigitPreprocessor() {
    }

    /**
     * The network input for {@code image}.
     *
     * @throws IllegalArgumentException if the image holds no digit (blank, or a single flat colour)
     */
    public static PreparedDigit prepare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] ga = greyAndAlpha(image);
        float[] grey = ga[0];
        float[] alpha = ga[1];
        float[] ink = new float[w * h];
        boolean inverted = false;
        if (alpha != null && borderMean(alpha, w, h) < 0.5f) {
            System.arraycopy(alpha, 0, ink, 0, ink.length);
        } else {
            if (alpha != null) {
                // Composite over white: a transparent area of an opaque-bordered picture is paper.
                for (int i = 0; i < grey.length; i++) {
                    grey[i] = grey[i] * alpha[i] + (1 - alpha[i]);
                }
            }
            inverted = borderMean(grey, w, h) > 0.5f;
            for (int i = 0; i < ink.length; i++) {
                ink[i] = inverted ? 1 - grey[i] : grey[i];
            }
        }
        normalise(ink, borderMedian(ink, w, h));

        int[] box = boundingBox(ink, w, h);
        if (box == null) {
            throw new IllegalArgumentException("no digit found: the image is blank or a single flat colour");
        }
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        double scale = (double) BOX / Math.max(bw, bh);
        int tw = Math.max(1, (int) Math.round(bw * scale));
        int th = Math.max(1, (int) Math.round(bh * scale));
        float[] digit = resample(ink, w, box, tw, th);
        return new PreparedDigit(centre(digit, tw, th), inverted);
    }

    /** Grey level in [0, 1] of every pixel and its opacity (null when the image has none). */
    static float[][] greyAndAlpha(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        ColorModel cm = image.getColorModel();
        boolean hasAlpha = cm.hasAlpha();
        float[] alpha = hasAlpha ? new float[w * h] : null;
        Raster raster = image.getRaster();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            // Read grey samples as stored: getRGB would push them through a linear-to-sRGB conversion.
            float greyMax = (1 << cm.getComponentSize(0)) - 1;
            float alphaMax = hasAlpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = raster.getSample(x, y, 0) / greyMax;
                    if (hasAlpha) {
                        alpha[y * w + x] = raster.getSample(x, y, 1) / alphaMax;
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    int r = (argb >> 16) & 0xff;
                    int g = (argb >> 8) & 0xff;
                    int b = argb & 0xff;
                    grey[y * w + x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                    if (hasAlpha) {
                        alpha[y * w + x] = (argb >>> 24) / 255f;
                    }
                }
            }
        }
        return new float[][] {grey, alpha};
    }

    /** Width of the border ring that samples the background. */
    private static int ring(int w, int h) {
        return Math.max(1, Math.min(w, h) / 20);
    }

    static float borderMean(float[] v, int w, int h) {
        float[] border = border(v, w, h);
        double sum = 0;
        for (float b : border) {
            sum += b;
        }
        return (float) (sum / border.length);
    }

    private static float borderMedian(float[] v, int w, int h) {
        float[] border = border(v, w, h);
        Arrays.sort(border);
        return border[border.length / 2];
    }

    private static float[] border(float[] v, int w, int h) {
        int r = ring(w, h);
        int n = 0;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < r || y < r || x >= w - r || y >= h - r) {
                    out[n++] = v[y * w + x];
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Maps the background level to 0 and the strongest ink to 1; drops faint noise. */
    private static void normalise(float[] ink, float background) {
        float max = 0;
        for (float v : ink) {
            max = Math.max(max, v);
        }
        float range = max - background;
        if (range < 0.1f) {
            Arrays.fill(ink, 0); // flat picture: no digit
            return;
        }
        for (int i = 0; i < ink.length; i++) {
            float v = (ink[i] - background) / range;
            ink[i] = v < NOISE ? 0 : Math.min(1, v);
        }
    }

    /** {x0, y0, x1, y1} (exclusive ends) of the non-zero pixels, or null if there are none. */
    private static int[] boundingBox(float[] ink, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] > 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }

    /**
     * The box region of {@code src} scaled to {@code tw x th}: area averaging when shrinking (every source
     * pixel counts, weighted by how much of it a target pixel covers), bilinear when enlarging.
     */
    static float[] resample(float[] src, int w, int[] box, int tw, int th) {
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        float[] out = new float[tw * th];
        double sx = (double) bw / tw;
        double sy = (double) bh / th;
        for (int ty = 0; ty < th; ty++) {
            for (int tx = 0; tx < tw; tx++) {
                double v;
                if (sx >= 1 && sy >= 1) {
                    // Clamped: (tx + 1) * (bw / tw) can round to just above bw, one pixel past the box.
                    v = areaAverage(src, w, box, tx * sx, Math.min(bw, (tx + 1) * sx), ty * sy,
                            Math.min(bh, (ty + 1) * sy));
                } else {
                    v = bilinear(src, w, box, (tx + 0.5) * sx - 0.5, (ty + 0.5) * sy - 0.5);
                }
                out[ty * tw + tx] = (float) v;
            }
        }
        return out;
    }

    private static double areaAverage(float[] src, int w, int[] box, double x0, double x1, double y0, double y1) {
        double sum = 0;
        double area = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += wx * wy * src[(box[1] + y) * w + box[0] + x];
                area += wx * wy;
            }
        }
        return sum / area;
    }

    private static double bilinear(float[] src, int w, int[] box, double x, double y) {
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        double cx = Math.max(0, Math.min(bw - 1, x));
        double cy = Math.max(0, Math.min(bh - 1, y));
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(bw - 1, x0 + 1);
        int y1 = Math.min(bh - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = at(src, w, box, x0, y0) * (1 - fx) + at(src, w, box, x1, y0) * fx;
        double bottom = at(src, w, box, x0, y1) * (1 - fx) + at(src, w, box, x1, y1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static float at(float[] src, int w, int[] box, int x, int y) {
        return src[(box[1] + y) * w + box[0] + x];
    }

    /** Places the {@code tw x th} digit in the 28x28 field with its centre of mass in the middle. */
    private static float[] centre(float[] digit, int tw, int th) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                float v = digit[y * tw + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        }
        int side = PreparedDigit.SIDE;
        // Top-left corner that puts the centre of mass on pixel (14, 14), where MNIST's digits have it
        // (measured: mean 14.00 in both axes); mx, my are in pixel-edge coordinates, hence the 0.5.
        int left = (int) Math.round(side / 2.0 + 0.5 - mx / mass);
        int top = (int) Math.round(side / 2.0 + 0.5 - my / mass);
        left = Math.max(0, Math.min(side - tw, left));
        top = Math.max(0, Math.min(side - th, top));
        float[] out = new float[side * side];
        for (int y = 0; y < th; y++) {
            System.arraycopy(digit, y * tw, out, (top + y) * side + left, tw);
        }
        return out;
    }
}
