package org.nnfs.mnist.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private final StringWriter text = new StringWriter();
    private long now;

    private ProgressPrinter printer(boolean interactive) {
        return new ProgressPrinter(new PrintWriter(text), interactive, () -> now, TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void plainOutputPrintsAnOccasionalLineAndOneLinePerEpoch() {
        ProgressPrinter p = printer(false);
        p.epochStarted();
        for (int b = 1; b <= 4; b++) {
            now += TimeUnit.SECONDS.toNanos(6); // lines due at 12 s and 24 s; the last batch is left to the epoch line
            p.batch(3, 20, b, 4, 12345.6, 0.123456);
        }
        p.epochFinished(3, 20, 0.2712, 0.9231, 0.93051, 24.04);
        p.finished(0.9781, 20, 48.12, 40.256);
        assertEquals(String.join(System.lineSeparator(),
                "epoch  3/20  batch 2/4  12,346 samples/s  loss 0.1235",
                "epoch  3/20  train loss 0.2712  train acc 92.31% (during epoch)  test acc 93.05%  24.0 s",
                "final test accuracy 97.81% after 20 epochs, 48.1 s in total (training 40.26 s)", ""), text.toString());
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void terminalOutputRedrawsABarInPlace() {
        ProgressPrinter p = printer(true);
        p.epochStarted();
        now += TimeUnit.MILLISECONDS.toNanos(150);
        p.batch(1, 2, 1, 4, 1000, 2.5);
        now += TimeUnit.MILLISECONDS.toNanos(10); // too soon: not drawn
        p.batch(1, 2, 2, 4, 1000, 2.0);
        now += TimeUnit.MILLISECONDS.toNanos(10);
        p.batch(1, 2, 4, 4, 1000, 1.5); // last batch: always drawn
        p.epochFinished(1, 2, 1.5, Double.NaN, Double.NaN, 0.2);
        String s = text.toString();
        assertTrue(s.startsWith("\repoch 1/2 [======>                 ] 1/4 batches  1,000 samples/s  loss 2.5000"), s);
        assertFalse(s.contains("2/4 batches"), s);
        assertTrue(s.contains("\repoch 1/2 [========================] 4/4 batches  1,000 samples/s  loss 1.5000"), s);
        // The epoch line overwrites the bar and pads over its longer text.
        String last = s.substring(s.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("epoch 1/2  train loss 1.5000  0.2 s   "), last);
        assertTrue(last.endsWith(System.lineSeparator()), last);
    }

    @Test
    void aTerminalNeedsAConsoleAndAUsefulTerm() {
        assertFalse(ProgressPrinter.isTerminal(null, "xterm"));
        // System.console() is null under the test runner, so only the null case is observable here.
        assertEquals(System.console() != null, ProgressPrinter.isTerminal(System.console(), "xterm"));
        assertFalse(ProgressPrinter.isTerminal(System.console(), "dumb"));
    }
}
