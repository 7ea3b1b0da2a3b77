package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.testing.RealBackends;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.Trainer;

/**
 * {@code train} with a learning rate that blows the weights up: exit code 1, one line on standard error
 * naming the epoch and the batch, and the model file a previous good run left at {@code --out} is not
 * touched. (With softmax and cross-entropy the loss saturates rather than overflowing up to a learning
 * rate near 1e9; 1e10 overflows float32 within a few batches.)
 */
class CliDivergenceTest {
    private static final Pattern DIVERGED = Pattern.compile(
            "^error: Training diverged: the loss became (NaN|Infinity|-Infinity) at epoch (\\d+), batch (\\d+) of 5\\. ");

    @TempDir
    Path dir;

    static List<String> backends() {
        return RealBackends.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void divergedRunReportsEpochAndBatchAndLeavesTheSavedModelAlone(String backend) throws IOException {
        Path model = dir.resolve("good.nnfs");
        String[] common = {"--backend", backend, "--data", TestData.mnistDir().toString(), "--limit", "500",
                "--batch-size", "100", "--hidden", "16", "--out", model.toString()};
        Cli.Result good = Cli.run(concat(new String[] {"train", "--epochs", "2"}, common));
        assertEquals(0, good.code(), good.toString());
        byte[] before = Files.readAllBytes(model);

        Cli.Result diverged = Cli.run(concat(new String[] {"train", "--epochs", "3", "--lr", "1e10"}, common));
        assertEquals(ErrorHandler.FAILURE, diverged.code(), diverged.toString());
        List<String> errors = diverged.err().lines().toList();
        assertEquals(1, errors.size(), "one line on standard error: " + diverged);
        Matcher m = DIVERGED.matcher(errors.get(0));
        assertTrue(m.find(), diverged.toString());
        assertEquals("1", m.group(2), "the epoch, 1-based");
        assertTrue(Integer.parseInt(m.group(3)) >= 1, "the batch, 1-based");

        assertArrayEquals(before, Files.readAllBytes(model), "the diverged run overwrote the good model");
        assertEquals(2, Trainer.resume(ModelFile.loadCheckpoint(model, new ReferenceBackend())).epochsCompleted());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
