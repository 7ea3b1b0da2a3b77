package org.nnfs.mnist.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Java program started in a JVM of its own with this JVM's class path, its output collected line by
 * line as it comes (so a test can act on what it prints and kill it at any moment).
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} with {@code args}, after the JVM options {@code jvmOptions}; standard error
     * goes into the same lines as standard output.
     */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new ChildJvm(builder.start());
    }

    /** As {@link #start(List, String, List)}. */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        return start(jvmOptions, mainClass, Arrays.asList(args));
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /** Lines printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything printed so far, one line per line. */
    public String output() {
        return String.join("\n", lines);
    }

    /**
     * Waits for the program to end, at most {@code seconds}, then for its output to be read.
     *
     * @return the exit code
     * @throws IllegalStateException if it is still running then (it is killed)
     */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("still running after " + seconds + " s, killed; output:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /**
     * Kills the program with SIGKILL (no shutdown hooks, no finally blocks) and waits for it to die and
     * for everything it printed to be read.
     */
    public void kill() throws InterruptedException {
        // Through the handle: Process.destroyForcibly also closes our end of the pipe, losing lines the
        // program wrote just before it died.
        process.toHandle().destroyForcibly();
        process.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
