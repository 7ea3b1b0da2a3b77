package org.nnfs.mnist.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.nnfs.mnist.data.MnistLocator;
import org.nnfs.mnist.image.Headless;
import org.nnfs.mnist.progress.ProgressPrinter;

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
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class},
        description = "Trains, evaluates and uses a multilayer perceptron that reads handwritten digits (MNIST).",
        footer = {"", "MNIST is read from --data DIR, else $MNIST_DIR, else the per-user cache "
                + "(~/.cache/nnfs/mnist), which is filled from public mirrors on first use."})
public final class MnistApp implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show library log messages and the stack trace of errors.")
    boolean verbose;

    private final Function<PrintWriter, MnistLocator> locators;
    private boolean terminal;

    /** The application with the real environment and download sources. */
    public MnistApp() {
        this(err -> MnistLocator.standard(line -> {
            err.println(line);
            err.flush();
        }));
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

    /** Runs the application; exits the JVM with its exit code. */
    public static void main(String[] args) {
        MnistApp app = new MnistApp().terminal(ProgressPrinter.isTerminal(System.console(), System.getenv("TERM")));
        System.exit(execute(app, args, new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset())));
    }

    /**
     * Runs {@code app} on {@code args} with its output and errors going to {@code out} and {@code err}.
     *
     * @return the exit code: 0 success, 1 failure, 2 usage error
     */
    public static int execute(MnistApp app, String[] args, PrintWriter out, PrintWriter err) {
        Headless.ensure();
        for (String a : args) {
            if (a.equals("--verbose")) {
                // Must precede the first logger; slf4j-simple reads it once.
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            }
        }
        ErrorHandler handler = new ErrorHandler();
        CommandLine cmd = new CommandLine(app)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(handler)
                .setParameterExceptionHandler(handler)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
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
