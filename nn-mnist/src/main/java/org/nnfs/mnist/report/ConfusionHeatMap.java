package org.nnfs.mnist.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.nnfs.mnist.image.DigitImages;
import org.nnfs.mnist.image.Headless;

/**
 * The confusion matrix as a heat map: one cell per (true, predicted) pair holding its count, shaded by
 * the share of the true class it represents. The shade follows the square root of the share, so the
 * few-percent errors off the diagonal stay visible next to a diagonal near 100 %.
 */
public final class ConfusionHeatMap {
    static final int CELL = 58;
    private static final int LEFT = 110;
    private static final int TOP = 110;
    private static final int RIGHT = 130;
    private static final int BOTTOM = 40;
    private static final Color LOW = new Color(247, 251, 255);
    private static final Color HIGH = new Color(8, 48, 107);

    private ConfusionHeatMap() {
    }

    /** Renders {@code confusion} ({@code [true][predicted]}) with a title to {@code png}. */
    public static void write(int[][] confusion, String title, Path png) throws IOException {
        DigitImages.writePng(render(confusion, title), png);
    }

    /** The heat map as an image. */
    public static BufferedImage render(int[][] confusion, String title) {
        Headless.ensure();
        int k = confusion.length;
        int width = LEFT + k * CELL + RIGHT;
        int height = TOP + k * CELL + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            centre(g, title, width / 2, 32);

            Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 12 ? 15 : 10);
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
            for (int t = 0; t < k; t++) {
                long rowTotal = 0;
                for (int v : confusion[t]) {
                    rowTotal += v;
                }
                for (int p = 0; p < k; p++) {
                    double share = rowTotal == 0 ? 0 : (double) confusion[t][p] / rowTotal;
                    double shade = Math.sqrt(share);
                    int x = LEFT + p * CELL;
                    int y = TOP + t * CELL;
                    g.setColor(mix(LOW, HIGH, shade));
                    g.fillRect(x, y, CELL, CELL);
                    g.setFont(cellFont);
                    g.setColor(shade > 0.45 ? Color.WHITE : (confusion[t][p] == 0 ? new Color(170, 170, 170) : Color.BLACK));
                    centre(g, Integer.toString(confusion[t][p]), x + CELL / 2, y + CELL / 2 + 5);
                }
            }
            g.setColor(new Color(120, 120, 120));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, k * CELL, k * CELL);

            g.setColor(Color.BLACK);
            g.setFont(labelFont);
            for (int c = 0; c < k; c++) {
                centre(g, Integer.toString(c), LEFT + c * CELL + CELL / 2, TOP - 10);
                centre(g, Integer.toString(c), LEFT - 18, TOP + c * CELL + CELL / 2 + 6);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            centre(g, "predicted class", LEFT + k * CELL / 2, TOP - 40);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, LEFT - 52, TOP + k * CELL / 2.0);
            centre(g, "true class", LEFT - 52, (int) (TOP + k * CELL / 2.0) + 6);
            g.setTransform(saved);

            legend(g, LEFT + k * CELL + 30, TOP, k * CELL);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A vertical colour bar for the share of the true class, on the same square-root scale as the cells. */
    private static void legend(Graphics2D g, int x, int y, int h) {
        int w = 18;
        for (int i = 0; i < h; i++) {
            g.setColor(mix(LOW, HIGH, 1 - (double) i / (h - 1)));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(new Color(120, 120, 120));
        g.drawRect(x, y, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        for (double share : new double[] {0, 0.01, 0.05, 0.1, 0.25, 0.5, 1}) {
            int ty = y + (int) Math.round((1 - Math.sqrt(share)) * (h - 1));
            g.drawLine(x + w, ty, x + w + 4, ty);
            g.drawString(String.format(Locale.ROOT, "%d%%", Math.round(share * 100)), x + w + 7, ty + 5);
        }
        AffineTransform saved = g.getTransform();
        g.rotate(Math.PI / 2, x + w + 62, y + h / 2.0);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        centre(g, "share of the true class", x + w + 62, (int) (y + h / 2.0) + 5);
        g.setTransform(saved);
    }

    private static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    static void centre(Graphics2D g, String text, int cx, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cx - m.stringWidth(text) / 2, baseline);
    }
}
