package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.data.MnistFile;
import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingState;

/**
 * What {@code train --out} does to files: a diverged model never replaces a good one, an input is never
 * overwritten, a path that cannot be written fails before any training, two runs never write one file,
 * "model saved" means it, and the epoch count stops at its limit.
 */
class CliOutputTest {
    @TempDir
    Path dir;

    /** A quick run: 500 examples in one batch of a small network, writing {@code out}. */
    private static List<String> quick(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", TestData.mnistDir().toString(), "--limit", "500",
                "--batch-size", "500", "--hidden", "16", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    private static Cli.Result run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    @DisplayName("a learning rate that blows the weights up fails the run and never replaces the good model")
    void divergedWeightsAreNeverSaved() throws IOException {
        Path model = dir.resolve("m.nnfs");
        Cli.Result good = run(quick(model, "--epochs", "2"));
        assertEquals(0, good.code(), good.toString());
        byte[] before = Files.readAllBytes(model);

        Cli.Result diverged = run(quick(model, "--epochs", "3", "--lr", "1e308"));
        assertEquals(ErrorHandler.FAILURE, diverged.code(), diverged.toString());
        assertEquals(1, diverged.err().lines().count(), "one line on standard error: " + diverged);
        assertTrue(diverged.err().startsWith("error: "), diverged.toString());
        assertArrayEquals(before, Files.readAllBytes(model), "the good model is untouched");

        Path fresh = dir.resolve("fresh.nnfs");
        Cli.Result first = run(quick(fresh, "--epochs", "1", "--lr", "1e308"));
        assertEquals(ErrorHandler.FAILURE, first.code(), first.toString());
        assertFalse(Files.exists(fresh), "no model with non-finite weights is written");
        assertFalse(first.out().contains("model saved"), first.toString());
        assertOnly(dir, "m.nnfs");
    }

    @Test
    @DisplayName("--out naming one of the data files, directly or through a link, is refused and the file kept")
    void outputThatIsAnInputIsRefused() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (MnistFile f : MnistFile.values()) {
            Path source = TestData.mnistFile(f); // raw or gzipped, as found
            Files.copy(source, data.resolve(source.getFileName()));
        }
        Path labels = data.resolve(TestData.mnistFile(MnistFile.TEST_LABELS).getFileName());
        byte[] before = Files.readAllBytes(labels);
        Path link = Files.createSymbolicLink(dir.resolve("link.nnfs"), labels);
        for (Path out : new Path[] {labels, link}) {
            Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "100", "--epochs", "1", "--hidden", "8",
                    "--out", out.toString());
            CliErrorsTest.assertFailure(r, "error: " + out + " is an input of this run (" + labels + ")");
            assertFalse(r.out().contains("epoch 1/1"), "refused before training: " + r);
        }
        assertArrayEquals(before, Files.readAllBytes(labels));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    @DisplayName("an --out that cannot be written fails before the first epoch, naming the path given")
    void unusableOutputFailsBeforeTraining() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "text");
        Path folder = Files.createDirectory(dir.resolve("folder.nnfs"));
        Path pipe = dir.resolve("pipe.nnfs");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor(), "mkfifo");
        String[][] cases = {{notes.resolve("m.nnfs").toString(), ""}, {folder.toString(), "is a directory"},
            {pipe.toString(), "is not a regular file"}};
        for (String[] c : cases) {
            Cli.Result r = run(quick(Path.of(c[0]), "--epochs", "1"));
            CliErrorsTest.assertFailure(r, "error: " + c[0] + ": " + c[1]);
            assertFalse(r.err().contains(".tmp"), "names the path given, not a temporary file: " + r);
            assertFalse(r.out().contains("epoch 1/1"), "refused before training: " + r);
        }
        assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && Files.exists(pipe) && !Files.isRegularFile(pipe));
    }

    @Test
    @DisplayName("a second run writing the same --out while the first runs is refused; the first is unharmed")
    void oneRunPerOutput() throws Exception {
        Path model = dir.resolve("shared.nnfs");
        List<String> args = new ArrayList<>(quick(model, "--epochs", "100000", "--threads", "1")); // ends when killed
        try (ChildJvm first = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector", "-Xmx512m"),
                MnistApp.class.getName(), args)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (first.lines().stream().noneMatch(l -> l.matches("epoch +1/.*")) && System.nanoTime() < deadline) {
                assertTrue(first.process().isAlive(), first.output());
                Thread.sleep(50);
            }
            assertTrue(first.process().isAlive(), "the first run is still training: " + first.output());
            Cli.Result second = run(quick(model, "--epochs", "1"));
            CliErrorsTest.assertFailure(second, "error: " + model + " is being written by another train run (process "
                    + first.process().pid() + ")");
            assertTrue(first.process().isAlive(), first.output());
        }
        // The first run was killed: the kernel released its lock, and the next run takes it and cleans up.
        Cli.Result after = run(quick(model, "--epochs", "1"));
        assertEquals(0, after.code(), after.toString());
        assertOnly(dir, "shared.nnfs");
    }

    @Test
    @DisplayName("'model saved' is printed only when the model was written")
    void modelSavedMeansSaved() throws IOException {
        Path model = dir.resolve("done.nnfs");
        Cli.Result r = run(quick(model, "--epochs", "1"));
        assertTrue(r.out().contains("model saved to " + model), r.toString());
        byte[] before = Files.readAllBytes(model);
        Cli.Result again = Cli.run("train", "--resume", model.toString(), "--epochs", "1", "--data",
                TestData.mnistDir().toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already holds 1 epoch"), again.toString());
        assertFalse(again.out().contains("model saved"), again.toString());
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    @DisplayName("a run resumed at epoch 2^31 - 2 with --epochs 2147483647 trains one epoch and ends")
    void epochCountAtItsLimit() throws IOException {
        Path model = dir.resolve("old.nnfs");
        assertEquals(0, run(quick(model, "--epochs", "1")).code());
        ReferenceBackend host = new ReferenceBackend();
        Checkpoint c = ModelFile.loadCheckpoint(model, host);
        TrainingState s = c.training().orElseThrow();
        ModelFile.save(Checkpoint.of(c.model(), new TrainingState(s.optimizer(), s.optimizerState(), s.schedule(),
                s.scheduleState(), s.loss(), s.clipping(), s.seed(), Integer.MAX_VALUE - 1, s.history(), s.batching(),
                s.earlyStopping(), s.notes())), model);

        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Cli.run("train", "--resume",
                model.toString(), "--epochs", "2147483647", "--data", TestData.mnistDir().toString()));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("epoch 2147483647/2147483647"), r.toString());
        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(model, host));
        assertEquals(Integer.MAX_VALUE, resumed.epochsCompleted());
        assertEquals(OptionalInt.of(500), resumed.batchSize());
    }

    @Test
    @DisplayName("export --out follows the same rules: never the model it reads, never a pipe, links and modes kept")
    void exportOutputFollowsTheRules() throws Exception {
        Path model = dir.resolve("m.nnfs");
        assertEquals(0, run(quick(model, "--epochs", "1")).code());
        byte[] before = Files.readAllBytes(model);
        Path link = Files.createSymbolicLink(dir.resolve("link.nnfs"), model);
        for (Path out : new Path[] {model, link}) {
            Cli.Result r = Cli.run("export", "--model", model.toString(), "--format", "nnfs", "--out", out.toString());
            CliErrorsTest.assertFailure(r, "error: " + out + " is the model being exported (" + model + ")");
        }
        assertArrayEquals(before, Files.readAllBytes(model));

        Path pipe = dir.resolve("pipe.onnx");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor(), "mkfifo");
        CliErrorsTest.assertFailure(Cli.run("export", "--model", model.toString(), "--format", "onnx", "--out",
                pipe.toString()), "error: " + pipe + ": is not a regular file");
        assertFalse(Files.isRegularFile(pipe));
        Files.delete(pipe);

        for (String format : new String[] {"onnx", "safetensors"}) {
            Path target = Files.writeString(dir.resolve("shared." + format), "old");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            Path alias = Files.createSymbolicLink(dir.resolve("alias." + format), target);
            Cli.Result r = Cli.run("export", "--model", model.toString(), "--format", format, "--out", alias.toString());
            assertEquals(0, r.code(), r.toString());
            assertTrue(Files.isSymbolicLink(alias), "the link stays a link");
            assertTrue(Files.size(target) > 3, "its target holds the export");
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(target)), "the file keeps its permissions");
            Files.delete(alias);
            Files.delete(target);
        }
        assertOnly(dir, "m.nnfs");
    }

    /** {@code dir} holds exactly {@code names} (no temporary or lock file left). */
    private static void assertOnly(Path dir, String... names) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("data")
                    && !n.equals("link.nnfs")).sorted().toList();
            assertEquals(Arrays.stream(names).sorted().toList(), present);
        }
    }
}
