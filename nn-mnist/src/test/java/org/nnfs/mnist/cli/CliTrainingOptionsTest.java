package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.Batching;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingState;

/** {@code train}'s training options through the command line: batching, schedules, validation, callbacks. */
class CliTrainingOptionsTest {
    @TempDir
    Path dir;

    private final ReferenceBackend host = new ReferenceBackend();

    private static String[] args(String... parts) {
        List<String> a = new ArrayList<>(List.of("train", "--data", TestData.mnistDir().toString()));
        a.addAll(Arrays.asList(parts));
        return a.toArray(String[]::new);
    }

    private TrainingState state(Path file) throws IOException {
        return ModelFile.loadCheckpoint(file, host).training().orElseThrow();
    }

    @Test
    @DisplayName("by default the app batches as the original: 117 steps of 512 an epoch, the last 96 examples dropped")
    void defaultBatchingIsTheOriginals() throws IOException {
        Path file = dir.resolve("original.nnfs");
        Cli.Result r = Cli.run(args("--epochs", "1", "--out", file.toString()));
        assertEquals(0, r.code(), r.toString());
        TrainingState s = state(file);
        assertEquals(117, s.optimizerState().steps());
        assertEquals(java.util.Optional.of(new Batching(512, 60_000, 0, PartialBatch.DROP)), s.batching());
    }

    @Test
    @DisplayName("--keep-last and --scale-last train on the partial batch too")
    void partialBatchOptions() throws IOException {
        for (String option : new String[] {"--drop-last", "--keep-last", "--scale-last"}) {
            Path file = dir.resolve(option.substring(2) + ".nnfs");
            Cli.Result r = Cli.run(args("--limit", "1100", "--hidden", "8", "--epochs", "1", option, "--out",
                    file.toString()));
            assertEquals(0, r.code(), r.toString());
            TrainingState s = state(file);
            assertEquals(option.equals("--drop-last") ? 2 : 3, s.optimizerState().steps(), option);
            assertEquals(PartialBatch.of(option.substring(2, option.indexOf('-', 2))),
                    s.batching().orElseThrow().partialBatch(), option);
        }
    }

    @Test
    @DisplayName("a validation split reports each epoch on the held-out examples; early stopping ends with the best "
            + "weights, which --save-best wrote")
    void validationEarlyStoppingAndBest() throws IOException {
        Path file = dir.resolve("run.nnfs");
        Path best = dir.resolve("best/best.nnfs");
        Cli.Result r = Cli.run(args("--limit", "1000", "--hidden", "64", "--batch-size", "50", "--epochs", "30",
                "--optimizer", "adam", "--lr", "0.01", "--validation-split", "0.2", "--early-stopping", "2",
                "--save-best", best.toString(), "--out", file.toString()));
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        assertTrue(Pattern.compile("(?m)^epoch  1/30  train loss \\d\\.\\d{4}  train acc \\d+\\.\\d\\d%  val loss "
                + "\\d\\.\\d{4}  val acc \\d+\\.\\d\\d%  \\d+\\.\\d s$").matcher(out).find(), out);
        assertTrue(out.contains("early stopping: validation loss did not improve for 2 epochs"), out);
        assertTrue(out.contains("final test accuracy"), out);
        Trainer t = Trainer.resume(ModelFile.loadCheckpoint(file, host));
        int bestEpoch = t.earlyStopping().orElseThrow().bestEpoch();
        assertEquals(bestEpoch + 2, t.epochsCompleted(), out);
        assertTrue(t.epochsCompleted() < 30, "the run stopped early");
        assertEquals(800 / 50, t.optimizerState().steps() / t.epochsCompleted(), "800 of 1000 examples train");
        Sequential saved = ModelFile.load(best, host);
        for (int i = 0; i < saved.tensors().size(); i++) {
            ModelTensor a = saved.tensors().get(i);
            assertArrayEquals(a.value().toFloatArray(), t.model().tensors().get(i).value().toFloatArray(),
                    "the final model is the best epoch's, as --save-best wrote it: " + a.name());
        }
        Cli.Result again = Cli.run(args("--limit", "1000", "--epochs", "40", "--resume", file.toString(), "--out",
                dir.resolve("again.nnfs").toString()));
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("early stopping: validation loss did not improve"), again.out());
        assertFalse(again.out().contains("epoch " + (t.epochsCompleted() + 1) + "/40"), "a stopped run trains no more");
    }

    @Test
    @DisplayName("a resumed run takes its schedule, batching, split and augmentation from the file")
    void resumeKeepsTheRunsSettings() throws IOException {
        Path file = dir.resolve("step.nnfs");
        String[] common = {"--limit", "600", "--batch-size", "100"};
        Cli.Result first = Cli.run(concat(args("--hidden", "16", "--epochs", "2", "--schedule", "step", "--step-size", "1", "--gamma",
                "0.5", "--warmup-epochs", "1", "--clip-value", "0.5", "--augment", "1", "--validation-split", "0.1",
                "--keep-last", "--optimizer", "momentum", "--weight-decay", "0.001", "--out", file.toString()), common));
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("schedule step(every 1 epochs ×0.5, warm-up 1 epoch), clip value 0.5, "
                + "shifts up to 1 pixels, batch size 100"), first.out());
        Cli.Result resumed = Cli.run(concat(args("--epochs", "3", "--resume", file.toString()), common));
        assertEquals(0, resumed.code(), resumed.toString());
        TrainingState s = state(file);
        assertEquals(3, s.epochsCompleted());
        assertEquals(Map.of("step_size", "1", "gamma", "0.5", "warmup_epochs", "1"), s.schedule().config());
        assertEquals("0.001", s.optimizer().config().get("weight_decay"));
        assertEquals(new Batching(100, 600, 0.1, PartialBatch.KEEP), s.batching().orElseThrow());
        assertEquals(Map.of("augment", "1"), s.notes());
        assertEquals(3 * 6, s.optimizerState().steps(), "540 examples in batches of 100, the last kept");
    }

    @Test
    @DisplayName("bad training options are refused in one line naming the option")
    void badOptions() {
        String[][] cases = {
            {"--clip-norm and --clip-value exclude each other", "--clip-norm", "1", "--clip-value", "1"},
            {"--drop-last and --scale-last exclude each other", "--drop-last", "--scale-last"},
            {"--early-stopping needs --validation-split F", "--early-stopping", "3"},
            {"--save-best needs --validation-split F", "--save-best", "b.nnfs"},
            {"--schedule plateau needs --validation-split F", "--schedule", "plateau"},
            {"--schedule step needs --step-size (epochs between decays)", "--schedule", "step"},
            {"--schedule exponential needs --gamma", "--schedule", "exponential"},
            {"--step-size does not apply to --schedule cosine", "--schedule", "cosine", "--step-size", "2"},
            {"--lr-min does not apply to --schedule constant", "--lr-min", "0.01"},
            {"--lr-min 0.5 must be below the learning rate 0.1", "--schedule", "cosine", "--lr-min", "0.5"},
            {"--warmup-epochs 20 leaves no epoch of --epochs 20 after the warm-up", "--warmup-epochs", "20"},
            {"Invalid value for option '--validation-split': must be between 0 and 1 (both excluded), got 1",
                "--validation-split", "1"},
            {"Invalid value for option '--gamma': must be more than 0 and at most 1, got 0", "--gamma", "0"},
            {"Invalid value for option '--weight-decay': must be 0 or more, got -0.1", "--weight-decay", "-0.1"},
            {"Invalid value for option '--lr': must be a positive number, got -1", "--lr", "-1"},
            {"Invalid value for option '--plateau-factor': must be between 0 and 1 (both excluded), got 2",
                "--plateau-factor", "2"},
            {"Invalid value for option '--early-stopping': must be at least 1, got 0", "--early-stopping", "0"},
            {"Invalid value for option '--augment': must be 0 or more, got -1", "--augment", "-1"},
            {"--augment 28 would shift a 28-pixel image out of sight", "--augment", "28"},
            {"Invalid value for option '--schedule': Unknown schedule. Expected one of {constant, cosine, exponential, "
                + "plateau, step}. Received: 'linear'", "--schedule", "linear"},
            {"--resume continues the model, optimizer and seed saved in r.nnfs; --schedule, --clip-norm cannot be "
                + "changed (leave them out)", "--resume", "r.nnfs", "--schedule", "cosine", "--clip-norm", "1"},
        };
        for (String[] c : cases) {
            Cli.Result r = Cli.run(args(Arrays.copyOfRange(c, 1, c.length)));
            assertEquals(ErrorHandler.USAGE, r.code(), r.toString());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("error: " + c[0]), "expected '" + c[0] + "' in:\n" + r);
        }
    }

    @Test
    @DisplayName("a learning rate far too high stops with one line, exit code 1, and never saves the diverged epoch")
    void divergence() throws IOException {
        Path file = dir.resolve("diverged.nnfs");
        String[] common = {"--limit", "500", "--batch-size", "500", "--hidden", "16", "--out", file.toString()};
        Cli.Result nan = Cli.run(concat(args("--epochs", "1", "--lr", "1e308"), common));
        assertEquals(ErrorHandler.FAILURE, nan.code(), nan.toString());
        assertEquals(1, nan.err().lines().count(), nan.toString());
        assertTrue(nan.err().startsWith("error: Training diverged: the weights dense_0.weight hold NaN after the last "
                + "update of epoch 1"), nan.toString());
        assertTrue(nan.err().contains(file + " was not written."), nan.toString());
        assertFalse(Files.exists(file));

        Cli.Result saturated = Cli.run(concat(args("--epochs", "20", "--lr", "1e3"), common));
        assertEquals(ErrorHandler.FAILURE, saturated.code(), saturated.toString());
        assertEquals(1, saturated.err().lines().count(), saturated.toString());
        assertTrue(saturated.err().startsWith("error: Training diverged: the training loss stays far above a uniform "
                + "guess's"), saturated.toString());
        assertTrue(saturated.err().contains(file + " keeps epoch 1, saved before the divergence was found."),
                saturated.toString());
        assertEquals(1, state(file).epochsCompleted());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
