package org.nnfs.mnist.launch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.nnfs.mnist.data.MnistLocator;

/**
 * Runs the application in a JVM that can use the vector backend, so that {@code java -jar nn-mnist.jar train}
 * gets the fastest backend with no JVM option to type.
 *
 * <p>Why a second JVM: the Vector API is the incubator module {@value #MODULE}, which a JVM resolves only when
 * its command line says {@code --add-modules jdk.incubator.vector}. A jar's manifest cannot say it (it knows
 * {@code Add-Opens} and {@code Add-Exports}, not {@code Add-Modules}), and a running JVM cannot add a module to
 * its boot layer. A launcher script would do, but only for users who run the script; {@code java -jar} is the
 * command every Java user knows, and the one the README gives. So when the command would run on the vector
 * backend and this JVM lacks the module, {@link #relaunch} starts
 * {@code java --add-modules jdk.incubator.vector <this JVM's options> -cp <class path> <main class> <arguments>}
 * with the same standard input and output, waits for it, and its exit code becomes this JVM's. It costs one
 * JVM start (about 0.2 s) and a waiting JVM of some 40 MB.
 *
 * <p>The second JVM gets two options of the launcher's unless the user gave their own:
 * {@value #SERIAL_GC} and {@value #INITIAL_HEAP}. Until the JIT has compiled the Vector API's loops, every
 * vector operation allocates; the first seconds of a run make gigabytes of short-lived garbage, for which
 * G1's default sizing on a large machine grew the heap to 0.8 GB of resident memory. The serial collector
 * with a small initial heap keeps the heap close to what is live (the data set and the model), and once the
 * loops are compiled training allocates nothing, so the collector's choice costs no speed.
 *
 * <p>When the class path is one jar (as with {@code java -jar}), the second JVM maps a class-data sharing
 * archive of the classes it needs, which the first run of that jar makes ({@link ClassDataArchive}).
 *
 * <p>No second JVM is started when this one was given an agent ({@code -javaagent}, {@code -agentlib},
 * {@code -agentpath}: it would run twice, a debugger would find its port taken), when the runtime has no
 * such module (a custom image), or with {@code -D}{@value #SWITCH}{@code =false}; the vector backend then
 * reports itself unavailable and another is chosen. If the launching JVM is killed, the one it started ends
 * within seconds ({@link #exitWithLauncher}).
 */
public final class VectorLauncher {
    /** The JDK module holding the Vector API. */
    public static final String MODULE = "jdk.incubator.vector";
    /** System property that turns the relaunch off when {@code false}. */
    public static final String SWITCH = "nn.mnist.relaunch";
    /** System property telling a relaunched JVM the process id of the JVM that started it. */
    static final String LAUNCHER_PID = "nn.mnist.launcher.pid";
    static final String SERIAL_GC = "-XX:+UseSerialGC";
    static final String INITIAL_HEAP = "-Xms64m";
    /** Environment variables whose options this JVM already received; the second JVM gets them as options. */
    private static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private final boolean moduleResolved;
    private final boolean moduleInRuntime;
    private final boolean switchedOff;
    private final List<String> jvmOptions;

    VectorLauncher(boolean moduleResolved, boolean moduleInRuntime, boolean switchedOff, List<String> jvmOptions) {
        this.moduleResolved = moduleResolved;
        this.moduleInRuntime = moduleInRuntime;
        this.switchedOff = switchedOff;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The launcher for this JVM: whether it has the module, could have it, and the options it was started with
     * (read only when they matter: the management classes that tell them take some 20 ms to load).
     */
    public static VectorLauncher ofThisJvm() {
        boolean resolved = ModuleLayer.boot().findModule(MODULE).isPresent();
        boolean inRuntime = resolved || ModuleFinder.ofSystem().find(MODULE).isPresent();
        boolean switchedOff = "false".equalsIgnoreCase(System.getProperty(SWITCH));
        List<String> options = resolved || !inRuntime || switchedOff ? List.of()
                : ManagementFactory.getRuntimeMXBean().getInputArguments();
        return new VectorLauncher(resolved, inRuntime, switchedOff, options);
    }

    /**
     * True when a JVM started with the module could run what this one cannot: the module is missing here but
     * present in the runtime, the relaunch is not switched off, and no agent was given.
     */
    public boolean canRelaunch() {
        return !moduleResolved && moduleInRuntime && !switchedOff && jvmOptions.stream().noneMatch(VectorLauncher::isAgent);
    }

    /**
     * Runs {@code mainClass} with {@code args} in a JVM started with the module, this JVM's options and the
     * launcher's defaults, passing standard input and output through and standard error without the JVM's
     * incubator warning; returns its exit code. If this JVM is asked to stop, it stops the other one first.
     */
    public int relaunch(Class<?> mainClass, String[] args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        long pid = ProcessHandle.current().pid();
        ClassDataArchive archive = ClassDataArchive.of(
                MnistLocator.userCache(System::getenv, Path.of(System.getProperty("user.home"))).resolve("cds"),
                System.getProperty("java.home") + " " + System.getProperty("java.vm.version"), classPath, jvmOptions, pid);
        List<String> command = command(java, jvmOptions, archive == null ? List.of() : archive.options(), classPath,
                mainClass.getName(), args, pid);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        OPTION_VARIABLES.forEach(environment::remove);
        Process child = builder.start();
        Thread errors = IncubatorWarningFilter.start(child.getErrorStream(), System.err);
        Thread stop = new Thread(() -> stop(child), "nn-mnist-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        errors.join(TimeUnit.SECONDS.toMillis(10));
        if (archive != null) {
            // The archive is written, then checked, each by a JVM with these options that only prints its version.
            Predicate<List<String>> version = archiveOptions -> succeeds(command(java, jvmOptions, archiveOptions,
                    classPath, "-version", new String[0], pid));
            archive.finish(code, (classes, file) -> version.test(ClassDataArchive.dumpOptions(classes, file)),
                    file -> version.test(ClassDataArchive.checkOptions(file)));
        }
        return code;
    }

    /** Whether {@code command} (a JVM that writes or must map an archive, then exits) ends well within 30 s. */
    private static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the other JVM to stop (SIGTERM: its shutdown hooks run) and waits for it a while. */
    private static void stop(Process child) {
        if (child.isAlive()) {
            child.destroy();
            try {
                child.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * In a JVM started by {@link #relaunch}: ends this JVM (running its shutdown hooks) when the JVM that
     * started it ends, so that killing the launching JVM, even with SIGKILL, does not leave a run behind.
     * Does nothing in a JVM started otherwise.
     */
    public static void exitWithLauncher() {
        String pid = System.getProperty(LAUNCHER_PID);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> launcher = ProcessHandle.of(Long.parseLong(pid));
        CompletableFuture<?> gone = launcher.isPresent() ? launcher.get().onExit() : CompletableFuture.completedFuture(null);
        gone.thenRun(() -> System.exit(143)); // 128 + SIGTERM, as if told to stop
    }

    /**
     * The command that runs {@code mainClass} with the module, the launcher's defaults, the options of a
     * class-data archive ({@link ClassDataArchive#options}) and then {@code options}, this JVM's.
     */
    static List<String> command(Path java, List<String> options, List<String> archiveOptions, String classPath,
                                String mainClass, String[] args, long launcherPid) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("--add-modules=" + MODULE);
        if (options.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            command.add(SERIAL_GC);
        }
        if (options.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize="))) {
            command.add(INITIAL_HEAP);
        }
        command.addAll(archiveOptions);
        command.addAll(options);
        command.add("-D" + LAUNCHER_PID + "=" + launcherPid);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static boolean isAgent(String option) {
        return option.startsWith("-javaagent:") || option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
                || option.startsWith("-Xrunjdwp");
    }
}
