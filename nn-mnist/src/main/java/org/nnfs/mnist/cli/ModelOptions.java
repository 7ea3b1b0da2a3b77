package org.nnfs.mnist.cli;

import java.util.List;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Activation;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.LayerNorm;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.DType;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that describe the network {@code train} builds: hidden widths, activation, normalization,
 * dropout, initialisation and element type. Each hidden layer is
 * {@code dense -> [batch_norm | layer_norm] -> activation -> [dropout]}, then {@code dense(10) -> softmax}.
 */
final class ModelOptions {
    /** Every option here: a resumed run takes them all from its file. */
    static final List<String> NAMES =
            List.of("--hidden", "--activation", "--dropout", "--batch-norm", "--layer-norm", "--init", "--dtype");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--hidden", paramLabel = "N,N", split = ",", defaultValue = "100,200",
            converter = Converters.Positive.class,
            description = "Widths of the hidden layers (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "ACTIVATION", defaultValue = "relu",
            converter = Converters.Activations.class, completionCandidates = RegistryHelp.Activations.class,
            description = "Activation of the hidden layers: ${COMPLETION-CANDIDATES}; settings in parentheses where it "
                    + "takes any, as in leaky_relu(0.1) (default: ${DEFAULT-VALUE}).")
    ActivationFunction activation;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", converter = Rate.class,
            description = "Dropout after every hidden activation: the probability of dropping a unit while "
                    + "training, in [0, 1); 0 adds no dropout (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batch-norm",
            description = "Batch normalization after every hidden dense layer, before its activation (momentum 0.1, "
                    + "epsilon 1e-5, as PyTorch).")
    boolean batchNorm;

    @Option(names = "--layer-norm",
            description = "Layer normalization after every hidden dense layer, before its activation (epsilon 1e-5).")
    boolean layerNorm;

    @Option(names = "--init", paramLabel = "INIT", defaultValue = "normal", converter = Converters.Initializers.class,
            completionCandidates = RegistryHelp.Initializers.class,
            description = "Weight initialisation: ${COMPLETION-CANDIDATES}; settings in parentheses as in normal(0.05); "
                    + "plain normal draws with sigma 0.1 (default: ${DEFAULT-VALUE}).")
    Initializer init;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = Converters.DTypes.class,
            description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    DType dtype;

    /** The options given on the command line, in {@link #NAMES} order: what a resumed run must refuse. */
    List<String> given() {
        return NAMES.stream().filter(n -> command.commandLine().getParseResult().hasMatchedOption(n)).toList();
    }

    /** Checks what picocli cannot: a usage error when both normalizations are asked for. */
    void check() {
        if (batchNorm && layerNorm) {
            throw new ParameterException(command.commandLine(),
                    "--batch-norm and --layer-norm cannot be combined; choose one");
        }
    }

    /** The model these options describe, its weights drawn from {@code seed}. */
    Sequential.Builder model(int inputs, long seed) {
        Sequential.Builder b = Sequential.builder(inputs).init(init).seed(seed).dtype(dtype);
        for (int width : hidden) {
            b.dense(width);
            if (batchNorm) {
                b.add(new BatchNorm());
            } else if (layerNorm) {
                b.add(new LayerNorm());
            }
            b.add(new Activation(activation));
            if (dropout > 0) {
                b.add(new Dropout(dropout));
            }
        }
        return b.dense(MnistDataset.CLASSES).softmax();
    }

    /**
     * Refuses a run whose last batch would hold one example when the model has batch normalization, which
     * cannot train on one row; said before any epoch runs rather than at the end of the first.
     */
    static void checkLastBatch(Sequential model, int examples, int batchSize) {
        boolean batchNormalized = model.layers().stream().anyMatch(BatchNorm.class::isInstance);
        int last = examples % batchSize == 0 ? Math.min(batchSize, examples) : examples % batchSize;
        if (batchNormalized && last == 1) {
            throw new UserException("batch normalization cannot train on a batch of one example, and " + examples
                    + " training examples in batches of " + batchSize + " leave a batch of one in every epoch; "
                    + "choose another --batch-size or --limit");
        }
    }

    /** A dropout probability: a number in {@code [0, 1)}. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v;
            try {
                v = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!(v >= 0 && v < 1)) {
                throw new TypeConversionException("must be in [0, 1), got " + value);
            }
            return v;
        }
    }
}
