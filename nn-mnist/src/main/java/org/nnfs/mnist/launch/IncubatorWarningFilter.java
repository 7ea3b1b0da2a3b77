package org.nnfs.mnist.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a relaunched JVM's standard error to ours as it comes, leaving out the line the JVM prints first when
 * it resolves an incubator module ({@value #WARNING}): the user did not ask for the module, the launcher did,
 * and a warning on every run teaches people to ignore warnings. Any other first line, and everything after,
 * passes unchanged.
 */
final class IncubatorWarningFilter {
    /** What the JVM prints, on a line of its own, when it resolves the Vector API module. */
    static final String WARNING = "WARNING: Using incubator modules: " + VectorLauncher.MODULE;

    private IncubatorWarningFilter() {
    }

    /** Starts a daemon thread copying {@code from} to {@code to} until {@code from} ends; returns the thread. */
    static Thread start(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                copy(from, to);
            } catch (IOException e) {
                // Our standard error is gone; nothing else to tell the user with.
            }
        }, "nn-mnist-relaunch-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Copies {@code from} to {@code to}, flushing after every read, without a first line that is the warning. */
    static void copy(InputStream from, OutputStream to) throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        int b;
        while ((b = from.read()) >= 0 && b != '\n' && first.size() <= WARNING.length() + 1) {
            first.write(b);
        }
        String line = first.toString(StandardCharsets.UTF_8);
        if (!(b == '\n' && line.strip().equals(WARNING))) {
            first.writeTo(to);
            if (b >= 0) {
                to.write(b);
            }
        }
        to.flush();
        byte[] buffer = new byte[8192];
        for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }
}
