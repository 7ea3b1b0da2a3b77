package org.nnfs.mnist.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows training progress: on a terminal a bar redrawn in place within each epoch; elsewhere (a pipe,
 * a log file, {@code TERM=dumb}) an occasional plain line instead, since carriage returns make a mess
 * of logs. Each finished epoch gets one permanent line, and the run a closing line.
 */
public final class ProgressPrinter {
    /** Bar redraws at most this often, so drawing never slows training. */
    static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Default spacing of plain progress lines within an epoch. */
    public static final long PLAIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long plainInterval;
    private long lastDraw;
    private int drawnLength;

    /**
     * @param out           where progress goes
     * @param interactive   draw a bar in place (a terminal) rather than plain lines
     * @param clock         nanosecond clock ({@code System::nanoTime})
     * @param plainInterval least time between two plain lines within an epoch
     */
    public ProgressPrinter(PrintWriter out, boolean interactive, LongSupplier clock, long plainInterval) {
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
        this.plainInterval = plainInterval;
    }

    /** True when output goes to a terminal that understands carriage returns. */
    public static boolean isTerminal(Console console, String term) {
        return console != null && !"dumb".equalsIgnoreCase(term);
    }

    /** Whether this printer draws a bar. */
    public boolean interactive() {
        return interactive;
    }

    /** Marks the start of an epoch (the plain-line timer restarts). */
    public void epochStarted() {
        lastDraw = clock.getAsLong();
    }

    /** Progress after a batch; draws only when enough time has passed (or at the epoch's last batch). */
    public void batch(int epoch, int epochs, int batch, int batches, double samplesPerSecond, double runningLoss) {
        long now = clock.getAsLong();
        if (interactive) {
            if (now - lastDraw < REDRAW_NANOS && batch < batches) {
                return;
            }
            lastDraw = now;
            int filled = (int) ((long) BAR_WIDTH * batch / batches);
            StringBuilder bar = new StringBuilder(BAR_WIDTH);
            for (int i = 0; i < BAR_WIDTH; i++) {
                bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
            }
            draw(String.format(Locale.ROOT, "epoch %s [%s] %d/%d batches  %,.0f samples/s  loss %.4f",
                    of(epoch, epochs), bar, batch, batches, samplesPerSecond, runningLoss));
        } else {
            if (now - lastDraw < plainInterval || batch == batches) {
                return; // the epoch line follows right after the last batch
            }
            lastDraw = now;
            out.printf(Locale.ROOT, "epoch %s  batch %d/%d  %,.0f samples/s  loss %.4f%n", of(epoch, epochs), batch, batches,
                    samplesPerSecond, runningLoss);
            out.flush();
        }
    }

    /**
     * The permanent line of a finished epoch; accuracies that are NaN are left out. The training accuracy is
     * the share of examples classified right by the weights of the moment, while the weights changed, and
     * says so: early on it lags behind the test accuracy, which is measured after the epoch.
     */
    public void epochFinished(int epoch, int epochs, double trainLoss, double trainAccuracy, double testAccuracy,
                              double seconds) {
        epochFinished(epoch, epochs, trainLoss, trainAccuracy, "test", Double.NaN, testAccuracy, seconds);
    }

    /**
     * The permanent line of a finished epoch checked on the set called {@code checked} ("test", "val");
     * losses and accuracies that are NaN are left out.
     */
    public void epochFinished(int epoch, int epochs, double trainLoss, double trainAccuracy, String checked,
                              double checkedLoss, double checkedAccuracy, double seconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %s  train loss %.4f", of(epoch, epochs),
                trainLoss));
        if (!Double.isNaN(trainAccuracy)) {
            line.append(String.format(Locale.ROOT, "  train acc %.2f%% (during epoch)", 100 * trainAccuracy));
        }
        if (!Double.isNaN(checkedLoss)) {
            line.append(String.format(Locale.ROOT, "  %s loss %.4f", checked, checkedLoss));
        }
        if (!Double.isNaN(checkedAccuracy)) {
            line.append(String.format(Locale.ROOT, "  %s acc %.2f%%", checked, 100 * checkedAccuracy));
        }
        line.append(String.format(Locale.ROOT, "  %.1f s", seconds));
        if (interactive) {
            draw(line.toString());
            out.println();
            drawnLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * The closing line of a run: the total (data loading and evaluation included) and, when this run trained,
     * the part of it spent in the epochs' batches.
     */
    public void finished(double testAccuracy, int epochs, double totalSeconds, double trainingSeconds) {
        out.printf(Locale.ROOT, "final test accuracy %.2f%% after %d epoch%s, %.1f s in total", 100 * testAccuracy, epochs,
                epochs == 1 ? "" : "s", totalSeconds);
        if (trainingSeconds > 0) {
            out.printf(Locale.ROOT, " (training %.2f s)", trainingSeconds);
        }
        out.println();
        out.flush();
    }

    /** Overwrites the current terminal line, padding over a longer previous one. */
    private void draw(String text) {
        StringBuilder sb = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < drawnLength; i++) {
            sb.append(' ');
        }
        drawnLength = text.length();
        out.print(sb);
        out.flush();
    }

    private static String of(int epoch, int epochs) {
        String total = Integer.toString(epochs);
        return String.format(Locale.ROOT, "%" + total.length() + "d/%s", epoch, total);
    }
}
