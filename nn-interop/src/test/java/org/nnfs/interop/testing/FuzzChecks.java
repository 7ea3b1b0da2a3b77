package org.nnfs.interop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.function.Executable;

import org.nnfs.layer.Layer;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/** What the fuzz targets check of a model a reader returned. */
public final class FuzzChecks {
    /** Models are only run up to this many values per example (a file may describe more). */
    private static final long MAX_CHECKED_WIDTH = 1 << 16;

    /** Longest time one input may take; a slower one counts as a hang. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private FuzzChecks() {
    }

    /**
     * Runs the check of one input, failing it if it takes longer than ten seconds. (Not JUnit's
     * {@code @Timeout}: in fuzzing mode that would bound the whole run, not one input.)
     */
    public static void inTime(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, "an input took longer than " + LIMIT);
    }

    /** A temporary folder for a fuzz target's files, deleted when the JVM exits. */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model predicts one example, with one output per class, when it is narrow enough to try. */
    public static void predicts(Sequential model) {
        if (narrow(model)) {
            Tensor out = model.predict(model.backend().zeros(1, model.inputSize(), model.dtype()));
            assertTrue(out.hasShape(1, model.outputSize()), out.shape());
        }
    }

    /** Two models give the same outputs, bit for bit, for one example of ones. */
    public static void sameOutputs(Sequential a, Sequential b) {
        if (narrow(a)) {
            Tensor x = a.backend().zeros(1, a.inputSize(), a.dtype());
            a.backend().fill(1, x);
            assertArrayEquals(a.predict(x).toDoubleArray(), b.predict(x).toDoubleArray(), a + " vs " + b);
        }
    }

    private static boolean narrow(Sequential model) {
        long widest = model.inputSize();
        int width = model.inputSize();
        for (Layer layer : model.layers()) {
            width = layer.outputSize(width);
            widest = Math.max(widest, width);
        }
        return widest <= MAX_CHECKED_WIDTH;
    }
}
