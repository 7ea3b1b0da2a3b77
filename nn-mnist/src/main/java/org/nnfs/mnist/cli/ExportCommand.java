package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnfs.interop.ModelFormat;
import org.nnfs.interop.onnx.Onnx;
import org.nnfs.io.AtomicFile;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code nn-mnist export}: converts a model between this library's model file, ONNX and safetensors.
 * The input's kind is read from its content.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts a model to another format: nnfs (this program's model file), onnx (for ONNX Runtime "
                + "and other ONNX consumers) or safetensors (weights for PyTorch's nn.Sequential).",
                "The input may be any of the three; its kind is read from its content. Training state is not "
                        + "exported (continue training from the train --out file)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model to convert: a model file of this program, an ONNX or a safetensors file.")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, converter = FormatConverter.class,
            completionCandidates = Formats.class,
            description = "What to write: ${COMPLETION-CANDIDATES}.")
    ModelFormat format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write.")
    Path out;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        MnistData.requireFile(model); // before starting a backend, which may load native code
        AtomicFile.checkWritable(out);
        if (Files.exists(out) && Files.isSameFile(model, out)) {
            throw new UserException(out + " is the model being exported (" + model + "); writing there would "
                    + "destroy it: give another --out");
        }
        ModelFormat from = ModelFormat.detect(model);
        Backend tensors = backend.create(stdout);
        Sequential net = from.read(model, tensors);
        stdout.println("model: " + net + " (" + net.dtype() + ", " + from.label() + ")");
        format.save(net, out);
        stdout.println("written to " + out + " (" + format.label()
                + (format == ModelFormat.ONNX ? ", opset " + Onnx.OPSET : "") + ")");
        stdout.flush();
        return 0;
    }

    /** The format names for help and completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ModelFormat.values()).map(ModelFormat::label).iterator();
        }
    }

    /** {@code nnfs}, {@code onnx} or {@code safetensors}, any case. */
    static final class FormatConverter implements ITypeConverter<ModelFormat> {
        @Override
        public ModelFormat convert(String value) {
            try {
                return ModelFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
