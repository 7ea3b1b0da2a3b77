package org.nnfs.mnist.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.mnist.cli.MnistApp;
import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.TestData;

/**
 * {@code java} without {@code --add-modules jdk.incubator.vector} runs the application on the vector
 * backend all the same: the launcher starts a second JVM with the module (child JVMs here, started as a
 * user's {@code java -jar} would be).
 */
class RelaunchTest {
    @Test
    @DisplayName("the default backend runs in a second JVM with the module, without the JVM's incubator warning")
    void theDefaultRunUsesTheVectorBackend() throws Exception {
        try (ChildJvm run = ChildJvm.start(List.of(), MnistApp.class.getName(), "train", "--data",
                TestData.mnistDir().toString(), "--limit", "500", "--epochs", "1")) {
            assertEquals(0, run.waitFor(180), run.output());
            String first = run.lines().get(0);
            assertTrue(first.startsWith("backend: vector (") && first.endsWith(
                    "), the fastest available here (--backend NAME picks another)"), run.output());
            assertTrue(run.output().contains("batch size 512, 1 epoch\n"), run.output());
            assertTrue(run.output().contains("final test accuracy"), run.output());
            assertFalse(run.output().contains("WARNING"), run.output());
        }
    }

    @Test
    @DisplayName("switched off, the vector backend asked for on the command line is unavailable, and says why")
    void switchedOff() throws Exception {
        try (ChildJvm run = ChildJvm.start(List.of("-D" + VectorLauncher.SWITCH + "=false"), MnistApp.class.getName(),
                "evaluate", "--backend", "vector", "--model", TestData.sampleDir().resolve("README.md").toString())) {
            assertEquals(1, run.waitFor(60), run.output());
            assertTrue(run.output().startsWith("error: Backend 'vector' (--backend) is unavailable: the JVM was started "
                    + "without --add-modules jdk.incubator.vector"), run.output());
        }
    }

    @Test
    @DisplayName("its exit code and error messages come through")
    void exitCodeAndErrorsComeThrough() throws Exception {
        try (ChildJvm run = ChildJvm.start(List.of(), MnistApp.class.getName(), "evaluate", "--backend", "vector",
                "--model", "no-such.model")) {
            assertEquals(1, run.waitFor(60), run.output());
            assertEquals("error: no-such.model: model file not found", run.output().strip());
        }
    }

    @Test
    @DisplayName("killing the launching JVM, even with SIGKILL, ends the run it started")
    void killingTheLauncherEndsTheRun() throws Exception {
        try (ChildJvm run = ChildJvm.start(List.of(), MnistApp.class.getName(), "train", "--backend", "vector",
                "--data", TestData.mnistDir().toString(), "--limit", "1000", "--batch-size", "100",
                "--epochs", "100000")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (run.lines().stream().noneMatch(l -> l.startsWith("epoch ")) && System.nanoTime() < deadline) {
                assertTrue(run.process().isAlive(), run.output());
                Thread.sleep(50);
            }
            ProcessHandle training = run.process().toHandle().children().findFirst()
                    .orElseThrow(() -> new AssertionError("no second JVM:\n" + run.output()));
            try {
                run.kill();
                training.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(training.isAlive());
            } finally {
                training.destroyForcibly();
            }
        }
    }
}
