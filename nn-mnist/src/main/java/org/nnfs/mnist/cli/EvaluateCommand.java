package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.interop.ModelFormat;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.report.EvaluationSummary;
import org.nnfs.mnist.report.TrainingReport;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn-mnist evaluate}: a saved model's loss, accuracy, confusion matrix and per-class scores on the test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates a model file on the MNIST test set: loss, accuracy, confusion matrix, and precision, "
                + "recall and F1 for each digit.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Pattern BLANK_LINE = Pattern.compile("\\R\\R");

    @Spec
    CommandSpec spec;

    @ParentCommand
    MnistApp app;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model: a model file (from train --out), or an ONNX or safetensors file.")
    Path model;

    @Mixin
    BackendOptions backend;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the MNIST files (default: $MNIST_DIR, "
            + "else the per-user cache, downloading on first use).")
    Path data;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write the confusion matrix, misclassified digits and metrics to DIR.")
    Path report;

    @Option(names = "--limit", paramLabel = "N", converter = Converters.Positive.class,
            description = "Use only the first N test examples.")
    Integer limit;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        MnistData.requireFile(model); // before starting a backend, which may load native code
        Backend tensors = backend.create(stdout);
        Sequential net = ModelFormat.load(model, tensors);
        MnistData.requireMnistModel(net, model);
        stdout.println("model: " + net + " (" + net.dtype() + ")");
        Path dir = app.locator(stderr).locate(data, MnistSplit.TEST);
        MnistData.checkMemory(dir, limit == null ? Integer.MAX_VALUE : limit, net.dtype(), MnistSplit.TEST);
        MnistDataset testImages = MnistData.load(dir, MnistSplit.TEST, limit == null ? Integer.MAX_VALUE : limit, stdout);
        Dataset test = MnistData.upload(testImages, tensors, net.dtype());

        Evaluation evaluation = Evaluator.evaluate(net, test, new CrossEntropy());
        stdout.printf(Locale.ROOT, "%ntest accuracy %.2f%% (%,d of %,d), loss %.4f, macro F1 %.4f%n%n",
                100 * evaluation.accuracy(), Math.round(evaluation.accuracy() * evaluation.count()), evaluation.count(),
                evaluation.loss(), evaluation.macroF1());
        stdout.print(withoutSummary(evaluation.report()));
        if (report != null) {
            float[] probabilities = net.predict(test.features()).toFloatArray();
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("model_file", model.toString());
            settings.put("model", net.toString());
            settings.put("backend", tensors.name());
            settings.put("dtype", net.dtype().label());
            settings.put("test_examples", test.size());
            List<Path> files = TrainingReport.write(report, settings, List.of(), EvaluationSummary.of(evaluation),
                    MnistData.misclassified(testImages, probabilities), (System.nanoTime() - start) / 1e9);
            stdout.println("report written to " + report + " (" + files.size() + " files)");
        }
        stdout.flush();
        return 0;
    }

    /**
     * The library's report after its first paragraph, the one-line summary, which the headline above already
     * gives (accuracy there in percent and with counts, so it is not said twice in two forms).
     */
    static String withoutSummary(String report) {
        Matcher blankLine = BLANK_LINE.matcher(report);
        return blankLine.find() ? report.substring(blankLine.end()) : report;
    }
}
