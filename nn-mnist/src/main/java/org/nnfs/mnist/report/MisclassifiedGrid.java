package org.nnfs.mnist.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.nnfs.mnist.image.DigitImages;
import org.nnfs.mnist.image.Headless;

/**
 * A grid of test digits the model got wrong, each enlarged with a caption "true → predicted (confidence)"
 * and its index in the test set, so a reader can see what kinds of mistakes it makes. The most confident
 * mistakes come first: they show best what the model has wrong (a hesitant mistake is often a digit people
 * misread too).
 */
public final class MisclassifiedGrid {
    /** At most this many digits are drawn. */
    public static final int MAX_SHOWN = 100;
    static final int SCALE = 3;
    private static final int COLUMNS = 10;
    private static final int TILE = 28 * SCALE;
    private static final int CAPTION = 34;
    private static final int GAP = 10;
    private static final int HEADER = 56;

    private MisclassifiedGrid() {
    }

    /**
     * Draws up to {@link #MAX_SHOWN} of {@code errors}, most confident first, to {@code png}.
     *
     * @param total how many were misclassified in all (for the title)
     */
    public static void write(List<Misclassified> errors, int total, Path png) throws IOException {
        DigitImages.writePng(render(errors, total), png);
    }

    /** The grid as an image. */
    public static BufferedImage render(List<Misclassified> errors, int total) {
        Headless.ensure();
        List<Misclassified> ordered = mostConfidentFirst(errors);
        int shown = Math.min(MAX_SHOWN, ordered.size());
        int columns = Math.max(1, Math.min(COLUMNS, shown));
        int rows = Math.max(1, (shown + columns - 1) / columns);
        int width = Math.max(520, GAP + columns * (TILE + GAP));
        int height = HEADER + rows * (TILE + CAPTION + GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            String title = total == 0 ? "No misclassified test digits"
                    : String.format(Locale.ROOT, "Misclassified test digits: %d of %d shown, most confident first",
                            shown, total);
            ConfusionHeatMap.centre(g, title, width / 2, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(90, 90, 90));
            ConfusionHeatMap.centre(g, "caption: true \u2192 predicted (model's confidence), #index in the test set",
                    width / 2, 46);

            // Nearest-neighbour enlargement keeps the pixels crisp.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            Font caption = new Font(Font.SANS_SERIF, Font.BOLD, 13);
            Font index = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            for (int i = 0; i < shown; i++) {
                Misclassified m = ordered.get(i);
                int x = GAP + (i % columns) * (TILE + GAP);
                int y = HEADER + (i / columns) * (TILE + CAPTION + GAP);
                g.drawImage(DigitImages.grey(m.pixels(), 28, 28), x, y, TILE, TILE, null);
                g.setColor(new Color(200, 40, 40));
                g.setFont(caption);
                ConfusionHeatMap.centre(g, String.format(Locale.ROOT, "%d \u2192 %d (%.0f%%)", m.actual(), m.predicted(),
                        100 * m.confidence()), x + TILE / 2, y + TILE + 15);
                g.setColor(new Color(110, 110, 110));
                g.setFont(index);
                ConfusionHeatMap.centre(g, "#" + m.index(), x + TILE / 2, y + TILE + 29);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code errors} by the probability the model gave its wrong choice, highest first; ties in test-set order. */
    static List<Misclassified> mostConfidentFirst(List<Misclassified> errors) {
        List<Misclassified> ordered = new ArrayList<>(errors);
        ordered.sort(Comparator.comparingDouble(Misclassified::confidence).reversed()
                .thenComparingInt(Misclassified::index));
        return ordered;
    }
}
