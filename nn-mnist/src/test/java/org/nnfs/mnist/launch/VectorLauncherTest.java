package org.nnfs.mnist.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class VectorLauncherTest {
    private static final Path JAVA = Path.of("/jdk/bin/java");

    @Test
    void theCommandAddsTheModuleTheLaunchersDefaultsAndThisJvmsOptions() {
        List<String> command = VectorLauncher.command(JAVA, List.of("-Dx=1", "-Xmx2g"),
                List.of("-XX:SharedArchiveFile=a.jsa"), "app.jar", "org.Main", new String[] {"train", "--epochs", "3"}, 42);
        assertEquals(List.of("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "-XX:+UseSerialGC", "-Xms64m",
                "-XX:SharedArchiveFile=a.jsa", "-Dx=1", "-Xmx2g", "-Dnn.mnist.launcher.pid=42", "-cp", "app.jar", "org.Main", "train", "--epochs", "3"),
                command);
    }

    @Test
    void theUsersCollectorAndInitialHeapWinOverTheDefaults() {
        List<String> command = VectorLauncher.command(JAVA, List.of("-XX:+UseG1GC", "-Xms1g"), List.of(), "cp", "M",
                new String[0], 1);
        assertEquals(List.of("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "-XX:+UseG1GC", "-Xms1g",
                "-Dnn.mnist.launcher.pid=1", "-cp", "cp", "M"), command);
        command = VectorLauncher.command(JAVA, List.of("-XX:+UseParallelGC", "-XX:InitialHeapSize=100m"), List.of(),
                "cp", "M", new String[0], 1);
        assertFalse(command.contains("-XX:+UseSerialGC") || command.contains("-Xms64m"), command.toString());
    }

    @Test
    void relaunchesOnlyWhenTheModuleIsMissingHereAndPresentInTheRuntime() {
        assertTrue(new VectorLauncher(false, true, false, List.of("-Xmx1g")).canRelaunch());
        assertFalse(new VectorLauncher(true, true, false, List.of()).canRelaunch(), "already has it");
        assertFalse(new VectorLauncher(false, false, false, List.of()).canRelaunch(), "a runtime without it");
        assertFalse(new VectorLauncher(false, true, true, List.of()).canRelaunch(), "switched off");
    }

    @Test
    void neverWithAnAgentThatWouldRunTwice() {
        for (String agent : new String[] {"-javaagent:jazzer.jar", "-agentlib:jdwp=transport=dt_socket,server=y",
                "-agentpath:/lib/libprofiler.so", "-Xrunjdwp:transport=dt_socket"}) {
            assertFalse(new VectorLauncher(false, true, false, List.of("-Xmx1g", agent)).canRelaunch(), agent);
        }
    }
}
