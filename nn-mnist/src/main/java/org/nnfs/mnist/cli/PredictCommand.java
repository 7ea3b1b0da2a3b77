package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.nnfs.interop.ModelFormat;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.image.DigitImages;
import org.nnfs.mnist.image.PreparedDigit;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn-mnist predict}: reads pictures of digits and prints the class the model sees with its most
 * probable alternatives. A picture that cannot be read is reported and the others are still classified.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies pictures of single handwritten digits (PNG or JPEG, any size).",
                "Each is scaled and centred to 28x28 grey like MNIST; a dark digit on light paper is inverted first."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model: a model file (from train --out), or an ONNX or safetensors file.")
    Path model;

    @Mixin
    BackendOptions backend;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", converter = Converters.Positive.class,
            description = "How many of the most probable digits to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Picture files of digits.")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        MnistData.requireFile(model); // before starting a backend, which may load native code
        Backend tensors = backend.create(stdout);
        Sequential net = ModelFormat.load(model, tensors);
        MnistData.requireMnistModel(net, model);

        List<Path> readable = new ArrayList<>();
        List<PreparedDigit> digits = new ArrayList<>();
        int failures = 0;
        for (Path image : images) {
            try {
                digits.add(DigitImages.prepare(image));
                readable.add(image);
            } catch (IOException e) {
                stderr.println("error: " + ErrorHandler.message(e));
                failures++;
            }
        }
        if (!digits.isEmpty()) {
            int inputs = MnistData.INPUTS;
            float[] batch = new float[digits.size() * inputs];
            for (int i = 0; i < digits.size(); i++) {
                System.arraycopy(digits.get(i).pixels(), 0, batch, i * inputs, inputs);
            }
            float[] probabilities = net.predict(batch, digits.size());
            int k = MnistDataset.CLASSES;
            for (int i = 0; i < digits.size(); i++) {
                stdout.println(line(readable.get(i), digits.get(i), probabilities, i * k, k));
            }
        }
        stdout.flush();
        stderr.flush();
        return failures == 0 ? 0 : ErrorHandler.FAILURE;
    }

    /** "digit.png: 7 (98.2%)   top 3: 7 98.2%, 9 1.1%, 1 0.3%   [inverted]"; with {@code --top 1} no list. */
    private String line(Path image, PreparedDigit digit, float[] probabilities, int from, int k) {
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[from + b], probabilities[from + a]));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d (%.1f%%)", image, order[0], 100 * probabilities[from + order[0]]));
        int shown = Math.min(top, k);
        if (shown > 1) {
            sb.append(String.format(Locale.ROOT, "   top %d:", shown));
            for (int i = 0; i < shown; i++) {
                sb.append(String.format(Locale.ROOT, "%s %d %.1f%%", i == 0 ? "" : ",", order[i],
                        100 * probabilities[from + order[i]]));
            }
        }
        if (digit.inverted()) {
            sb.append("   [dark on light: inverted]");
        }
        return sb.toString();
    }
}
