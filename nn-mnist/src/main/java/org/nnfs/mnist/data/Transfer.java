package org.nnfs.mnist.data;

import java.util.Locale;

/** How much came in how long, for the one line a download prints per file: "7.8 MB in 1.4 s (5.6 MB/s)". */
final class Transfer {
    private Transfer() {
    }

    /** {@code bytes} and the rate over {@code nanos}, in decimal units as networks and disks count. */
    static String describe(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return size(bytes) + String.format(Locale.ROOT, " in %.1f s (%s/s)", seconds, size(Math.round(bytes / seconds)));
    }

    /** {@code 47.0 MB}, {@code 28.9 kB}, {@code 512 B}. */
    static String size(long bytes) {
        if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes + " B";
    }
}
