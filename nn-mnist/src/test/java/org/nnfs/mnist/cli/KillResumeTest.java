package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.ModelTensor;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.EarlyStoppingState;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.Trainer;

/**
 * Kills {@code train --out FILE} with SIGKILL at random moments, and right as a checkpoint is being
 * written, then resumes it with {@code --resume FILE} until it finishes. After every kill the checkpoint
 * is absent (no epoch finished yet) or loadable and at most one epoch behind what the run reported;
 * at the end the weights, the optimizer and schedule state, early stopping's best weights and the
 * losses of every epoch equal those of an uninterrupted run with the same seed on the same backend,
 * bit for bit. The run uses the training toolkit together ({@link #RUN}): AdamW, a cosine schedule with
 * warm-up, augmentation, a validation split and early stopping, on a model with dropout and batch
 * normalization ({@link #MODEL}).
 *
 * <p>Each round is one interrupted training, killed {@value #KILLS_PER_ROUND} times; rounds alternate
 * between a random delay and the moment the temporary file of a checkpoint appears. When a round ends,
 * the runs after the kills have removed every temporary and lock file the killed ones left. The system property
 * {@code nn.kill.rounds} (default 2 per backend) raises the number of rounds, {@code nn.kill.seed} picks
 * other moments.
 */
class KillResumeTest {
    private static final int EPOCHS = 6;
    private static final int KILLS_PER_ROUND = 2;
    private static final String FILE = "run.nnfs";
    private static final Pattern EPOCH_LINE = Pattern.compile("^epoch (\\d+)/" + EPOCHS + " ");
    /**
     * The model of the run: dropout's masks are drawn from the trainer's per-epoch seed, batch
     * normalization's running statistics are buffers saved with the weights; a resume must restore both.
     */
    private static final List<String> MODEL = List.of("--hidden", "128", "--seed", "7", "--dropout", "0.2",
            "--batch-norm");
    /** How the run trains: every part of the training state that a resume must restore. */
    static final List<String> RUN = List.of("--optimizer", "adamw", "--schedule", "cosine", "--warmup-epochs", "1",
            "--augment", "2", "--validation-split", "0.1", "--early-stopping", "3");

    private final Backend host = new ReferenceBackend();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ojalgo", "nd4j", "vector"})
    void killedRunsResumeToTheSameWeights(String backend) throws Exception {
        int rounds = Integer.getInteger("nn.kill.rounds", 2);
        SplittableRandom random = new SplittableRandom(Long.getLong("nn.kill.seed", 20_241_128L) + backend.hashCode());

        Path reference = dir.resolve("reference").resolve(FILE);
        Files.createDirectories(reference.getParent());
        long start = System.nanoTime();
        try (ChildJvm run = train(backend, "--out", reference.toString())) {
            assertEquals(0, run.waitFor(300), run.output());
        }
        double referenceSeconds = (System.nanoTime() - start) / 1e9;
        Trainer expected = Trainer.resume(ModelFile.loadCheckpoint(reference, host));
        assertEquals(EPOCHS, expected.epochsCompleted());

        int midWrite = 0;
        int totalKills = 0;
        for (int round = 1; round <= rounds; round++) {
            Path runDir = Files.createDirectories(dir.resolve("round-" + round));
            Path file = runDir.resolve(FILE);
            boolean atCheckpoint = round % 2 == 0;
            int kills = 0;
            int launches = 0;
            while (true) {
                launches++;
                assertTrue(launches <= KILLS_PER_ROUND + 3, "round " + round + " never finished");
                Set<Path> tempsBefore = temps(runDir);
                int known = Files.exists(file) ? Trainer.resume(ModelFile.loadCheckpoint(file, host)).epochsCompleted() : 0;
                ChildJvm run = Files.exists(file)
                        ? train(backend, "--resume", file.toString())
                        : train(backend, "--out", file.toString());
                boolean killed = false;
                try (run; WatchService watcher = FileSystems.getDefault().newWatchService()) {
                    runDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                    if (kills < KILLS_PER_ROUND) {
                        killed = atCheckpoint ? killAtCheckpointWrite(run, watcher, random.nextInt(1, 3),
                                kills == 0 ? 0 : random.nextInt(0, 4))
                                : killAfter(run, random.nextDouble(0.2, 1.0) * referenceSeconds);
                    }
                    if (!killed) {
                        assertEquals(0, run.waitFor(300), run.output());
                    }
                }
                if (!killed) {
                    break;
                }
                kills++;
                Set<Path> leftover = temps(runDir);
                leftover.removeAll(tempsBefore);
                if (!leftover.isEmpty()) {
                    midWrite++; // the kill landed while a checkpoint was being written
                }
                checkAfterKill(file, Math.max(known, lastEpochReported(run)), known, leftover);
            }
            Trainer actual = Trainer.resume(ModelFile.loadCheckpoint(file, host));
            assertSameTraining(expected, actual, "round " + round + " (" + kills + " kills)");
            try (Stream<Path> left = Files.list(runDir)) {
                assertEquals(List.of(FILE), left.map(p -> p.getFileName().toString()).toList(),
                        "round " + round + ": the runs after the kills removed the temporary and lock files left");
            }
            totalKills += kills;
        }
        System.out.printf("kill test on %s: %d rounds, %d kills, %d of them while a checkpoint was being written;"
                + " every run ended with the uninterrupted run's weights%n", backend, rounds, totalKills, midWrite);
        if (rounds >= 2) {
            assertTrue(midWrite > 0, "no kill landed while a checkpoint was being written; the test proved less "
                    + "than it claims");
        }
    }

    /**
     * Every kill leaves the last good checkpoint: loadable, never older than the one the run resumed from
     * ({@code known} epochs), and at most one epoch behind the last epoch the run reported.
     */
    private void checkAfterKill(Path file, int reported, int known, Set<Path> leftover) throws IOException {
        String context = "after a kill (resumed after epoch " + known + ", last epoch reported " + reported
                + ", temporary files left " + leftover + ")";
        if (!Files.exists(file)) {
            assertTrue(reported <= 1, "no checkpoint " + context);
            return;
        }
        Trainer saved = Trainer.resume(ModelFile.loadCheckpoint(file, host)); // throws if a half-written file replaced it
        int epochs = saved.epochsCompleted();
        assertTrue(epochs >= Math.max(known, reported - 1) && epochs <= reported && epochs >= 1,
                "checkpoint holds " + epochs + " epochs " + context);
    }

    /**
     * Kills the run {@code delayMillis} after the temporary file of its {@code nth} checkpoint is created
     * (so at different points of writing, forcing to disk and renaming); false if it ended first.
     */
    private static boolean killAtCheckpointWrite(ChildJvm run, WatchService watcher, int nth, int delayMillis)
            throws Exception {
        int seen = 0;
        while (run.process().isAlive()) {
            WatchKey key;
            try {
                key = watcher.poll(50, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException e) {
                return false;
            }
            if (key == null) {
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p && isTemp(p) && ++seen == nth) {
                    Thread.sleep(delayMillis);
                    run.kill();
                    return true;
                }
            }
            key.reset();
        }
        return false;
    }

    private static boolean killAfter(ChildJvm run, double seconds) throws InterruptedException {
        if (run.process().waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            return false;
        }
        run.kill();
        return true;
    }

    private ChildJvm train(String backend, String fileOption, String file) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--backend", backend, "--threads", "1",
                "--data", TestData.mnistDir().toString(), "--limit", "2000", "--batch-size", "100",
                "--epochs", Integer.toString(EPOCHS), fileOption, file));
        if (fileOption.equals("--out")) {
            args.addAll(MODEL);
            args.addAll(RUN);
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        if (backend.equals("vector")) {
            jvm.add("--add-modules=jdk.incubator.vector");
        }
        return ChildJvm.start(jvm, MnistApp.class.getName(), args);
    }

    private static int lastEpochReported(ChildJvm run) {
        int last = 0;
        for (String line : run.lines()) {
            Matcher m = EPOCH_LINE.matcher(line);
            if (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        return last;
    }

    private static boolean isTemp(Path name) {
        String n = name.getFileName().toString();
        return n.startsWith("." + FILE + ".") && n.endsWith(".tmp");
    }

    private static Set<Path> temps(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(KillResumeTest::isTemp).collect(Collectors.toSet());
        }
    }

    private static void assertSameTraining(Trainer expected, Trainer actual, String what) {
        assertEquals(expected.epochsCompleted(), actual.epochsCompleted(), what);
        assertEquals(expected.optimizerState().steps(), actual.optimizerState().steps(), what);
        List<ModelTensor> te = expected.model().tensors(); // parameters and buffers (batch norm's statistics)
        List<ModelTensor> ta = actual.model().tensors();
        assertEquals(te.size(), ta.size(), what);
        assertTrue(te.stream().anyMatch(t -> !t.isParameter()), "the run's model has no buffers to compare");
        for (int i = 0; i < te.size(); i++) {
            assertArrayEquals(bits(te.get(i).value()), bits(ta.get(i).value()), what + ": " + te.get(i).name());
        }
        assertSameTensors(expected.optimizerState().tensors(), actual.optimizerState().tensors(), what + ": optimizer state");
        assertArrayEquals(expected.scheduleState().values(), actual.scheduleState().values(), what + ": schedule state");
        assertEquals(expected.earlyStopping().isPresent(), actual.earlyStopping().isPresent(), what);
        expected.earlyStopping().ifPresent(e -> {
            EarlyStoppingState a = actual.earlyStopping().orElseThrow();
            assertEquals(e.bestEpoch(), a.bestEpoch(), what + ": best epoch");
            assertEquals(e.stale(), a.stale(), what);
            assertEquals(e.stopped(), a.stopped(), what);
            assertSameTensors(e.bestTensors(), a.bestTensors(), what + ": best weights");
        });
        List<EpochSummary> he = expected.history().epochs();
        List<EpochSummary> ha = actual.history().epochs();
        for (int i = 0; i < he.size(); i++) {
            if (Double.doubleToLongBits(he.get(i).trainLoss()) != Double.doubleToLongBits(ha.get(i).trainLoss())
                    || Double.doubleToLongBits(he.get(i).validationLoss())
                    != Double.doubleToLongBits(ha.get(i).validationLoss())) {
                fail(what + ": epoch " + (i + 1) + " losses differ: " + he.get(i) + " vs " + ha.get(i));
            }
        }
    }

    private static void assertSameTensors(List<Tensor> expected, List<Tensor> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(bits(expected.get(i)), bits(actual.get(i)), what + " " + i);
        }
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toFloatArray();
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }
}
