package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.data.IdxReader;
import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.ReferenceBackend;

/**
 * Sizes from input that the JVM cannot give end in one {@code error:} line naming the remedy (exit code
 * 1), never in an {@link OutOfMemoryError}'s stack trace. Each case runs the application in a JVM of its
 * own with a small heap, so the outcome does not depend on the machine's memory.
 */
class CliMemoryTest {
    @TempDir
    Path dir;

    private static ChildJvm app(String heap, String... args) throws IOException {
        return ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector", heap), MnistApp.class.getName(), args);
    }

    /** The run's output, checked to end with exit code 1 and exactly one error line, without a stack trace. */
    private static String oneErrorLine(ChildJvm run) throws InterruptedException {
        assertEquals(ErrorHandler.FAILURE, run.waitFor(300), run.output());
        List<String> errors = run.lines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.output());
        assertFalse(run.output().contains("\tat ") || run.output().contains("Exception in thread"), run.output());
        return errors.get(0);
    }

    @Test
    @DisplayName("train --hidden 2000000: the model is refused before it is allocated")
    void modelTooLarge() throws Exception {
        try (ChildJvm run = app("-Xmx256m", "train", "--hidden", "2000000", "--data", TestData.mnistDir().toString())) {
            String error = oneErrorLine(run);
            assertTrue(error.startsWith("error: a model of 1,590,000,010 parameters (float32, with their gradients and "
                    + "sgd's state) needs at least 11.8 GB, more than the"), error);
            assertTrue(error.endsWith("use smaller --hidden, or run java with a larger -Xmx (this one may use 256 MB), "
                    + "e.g. java -Xmx16g"), error);
        }
    }

    @Test
    @DisplayName("evaluate on 97 KB of gzip claiming 127,551 images: refused before inflating them")
    void dataTooLarge() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        int count = 127_551;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("t10k-images-idx3-ubyte.gz")))) {
            out.write(TestData.header(IdxReader.IMAGES_MAGIC, count, 28, 28));
            byte[] zeros = new byte[784 * 1000];
            for (int written = 0; written < count; written += 1000) {
                out.write(zeros, 0, 784 * Math.min(1000, count - written));
            }
        }
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"), TestData.gzip(TestData.idxLabels(new byte[count])));
        assertTrue(Files.size(data.resolve("t10k-images-idx3-ubyte.gz")) < 200_000);
        Path model = dir.resolve("m.nnfs");
        ModelFile.save(Sequential.builder(784).dense(10).softmax().build(new ReferenceBackend()), model);
        try (ChildJvm run = app("-Xmx256m", "evaluate", "--model", model.toString(), "--data", data.toString())) {
            String error = oneErrorLine(run);
            assertTrue(error.startsWith("error: loading 127,551 images needs at least"), error);
            assertTrue(error.contains("use --limit N to load fewer, or run java with a larger -Xmx"), error);
        }
    }

    @Test
    @DisplayName("an OutOfMemoryError no check foresaw is one line with the -Xmx remedy")
    void remainingOutOfMemory() throws Exception {
        Path model = dir.resolve("wide.nnfs");
        ModelFile.save(Sequential.builder(784).dense(20_000).relu().dense(10).softmax().build(new ReferenceBackend()),
                model);
        try (ChildJvm run = app("-Xmx48m", "evaluate", "--backend", "ojalgo", "--model", model.toString(), "--data",
                TestData.mnistDir().toString())) {
            String error = oneErrorLine(run);
            assertTrue(error.startsWith("error: out of memory (Java heap space): use a smaller model (--hidden) or fewer "
                    + "examples (--limit), or run java with a larger -Xmx (this one may use"), error);
        }
    }
}
