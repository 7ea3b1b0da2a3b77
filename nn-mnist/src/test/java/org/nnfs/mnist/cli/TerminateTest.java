package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.tensor.ReferenceBackend;

/**
 * {@code train --out} stopped with SIGTERM (as {@code kill} and service managers stop it) while a
 * checkpoint is being written leaves no temporary file and no lock file behind: only the model file of
 * the last finished save, or none.
 */
class TerminateTest {
    private static final String FILE = "run.nnfs";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ms after the temporary file appears")
    @ValueSource(ints = {0, 3, 10})
    void sigtermDuringASaveLeavesNoTemporaryFile(int delayMillis) throws Exception {
        List<String> args = List.of("train", "--backend", "vector", "--threads", "1", "--data",
                TestData.mnistDir().toString(), "--limit", "200", "--batch-size", "200", "--hidden", "1500",
                "--optimizer", "adam", "--epochs", "1000", "--out", dir.resolve(FILE).toString());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            try (ChildJvm run = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector", "-Xmx512m"),
                    MnistApp.class.getName(), args)) {
                assertTrue(awaitTemporaryFile(run, watcher), "no checkpoint was written: " + run.output());
                Thread.sleep(delayMillis);
                run.process().destroy(); // SIGTERM
                assertTrue(run.process().waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(left.isEmpty() || left.equals(List.of(FILE)), "left behind: " + left);
            if (!left.isEmpty()) {
                assertEquals(784, ModelFile.load(dir.resolve(FILE), new ReferenceBackend()).inputSize());
            }
        }
    }

    private static boolean awaitTemporaryFile(ChildJvm run, WatchService watcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.process().isAlive() && System.nanoTime() < deadline) {
            WatchKey key;
            try {
                key = watcher.poll(20, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException e) {
                return false;
            }
            if (key == null) {
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p && p.toString().startsWith("." + FILE + ".")
                        && p.toString().endsWith(".tmp")) {
                    return true;
                }
            }
            key.reset();
        }
        return false;
    }
}
