package org.nnfs.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Parameter;
import org.nnfs.loss.SoftmaxCrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.optim.Momentum;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * Wrote the version-1 model files in {@code src/test/resources/org/nnfs/io/v1/} with the format-1 code
 * (before the core restructure), and next to each a JSON file with every value it holds, recorded at
 * the same time. Kept in the commit that added the fixtures; run once:
 *
 * <pre>
 * java -cp nn-core/target/test-classes:nn-core/target/classes:&lt;deps&gt; org.nnfs.io.V1FixtureWriter \
 *     nn-core/src/test/resources/org/nnfs/io/v1
 * </pre>
 */
public final class V1FixtureWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private V1FixtureWriter() {
    }

    /** Writes the fixtures into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        Backend backend = new ReferenceBackend();

        // Adam, float32, a layer with its own initializer, dropout, cross-entropy fused with softmax.
        Sequential adamModel = Sequential.builder(6).add(new Dense(12, Initializer.glorot())).relu().dropout(0.2)
                .dense(4).softmax().init(Initializer.normal(0.2)).seed(17).build(backend);
        Trainer adam = Trainer.builder(adamModel).optimizer(new Adam(0.01, 0.85, 0.995, 1e-7, 1e-3)).seed(23).build();
        adam.fit(blobs(backend, DType.FLOAT32, 40, 6, 4, 3), FitOptions.builder().epochs(3).batchSize(16).build());
        ModelFile.save(adam, out.resolve("adam-float32.nnfs"));
        record(out.resolve("adam-float32.json"), adamModel, adam);

        // A plain float64 model without training state, every activation.
        Sequential plain = Sequential.builder(5).dense(16).tanh().dense(8).sigmoid().dense(3).softmax()
                .init(Initializer.normal(0.05)).dtype(DType.FLOAT64).seed(5).build(backend);
        ModelFile.save(plain, out.resolve("plain-float64.nnfs"));
        record(out.resolve("plain-float64.json"), plain, null);

        // Nesterov momentum with weight decay, softmax cross-entropy on logits, He initialisation.
        Sequential momentumModel = Sequential.builder(4).dense(20).relu().dropout(0.25).dense(3)
                .init(Initializer.he()).seed(29).build(backend);
        Trainer momentum = Trainer.builder(momentumModel).optimizer(new Momentum(0.05, 0.8, true, 1e-4))
                .loss(new SoftmaxCrossEntropy()).seed(31).build();
        momentum.fit(blobs(backend, DType.FLOAT32, 30, 4, 3, 7), FitOptions.builder().epochs(2).batchSize(8).build());
        ModelFile.save(momentum, out.resolve("momentum-float32.nnfs"));
        record(out.resolve("momentum-float32.json"), momentumModel, momentum);
    }

    private static Dataset blobs(Backend backend, DType dtype, int rows, int inputs, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * inputs];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
            for (int j = 0; j < inputs; j++) {
                x[r * inputs + j] = (float) ((j % classes == labels[r] ? 1.5 : 0) + random.nextGaussian());
            }
        }
        return Dataset.classification(backend, dtype, x, rows, inputs, labels, classes);
    }

    private static void record(Path file, Sequential model, Trainer trainer) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model.toString());
        root.put("dtype", model.dtype().label());
        root.put("input", model.inputSize());
        root.put("init", model.initializer().toString());
        root.put("seed", model.seed());
        root.put("parameter_count", model.parameterCount());
        tensor(root.putObject("probe_output"), model.predict(probe(model)));
        ArrayNode params = root.putArray("parameters");
        for (Parameter p : model.parameters()) {
            tensor(params.addObject().put("name", p.name()), p.value());
        }
        if (trainer != null) {
            ObjectNode t = root.putObject("training");
            t.put("loss", trainer.loss().type());
            t.put("optimizer", trainer.optimizer().type());
            t.put("optimizer_string", trainer.optimizer().toString());
            t.put("optimizer_steps", trainer.optimizer().steps());
            t.put("epochs_completed", trainer.epochsCompleted());
            t.put("seed", trainer.seed());
            ArrayNode state = t.putArray("optimizer_state");
            List<Tensor> tensors = trainer.optimizer().state(model.parameters());
            for (Tensor s : tensors) {
                tensor(state.addObject(), s);
            }
            ArrayNode history = t.putArray("train_losses");
            for (EpochSummary e : trainer.history().epochs()) {
                history.add(e.trainLoss());
            }
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** Three rows of fixed inputs, {@code (i % 7 - 3) / 3}; the test feeds the loaded model the same. */
    static Tensor probe(Sequential model) {
        double[] x = new double[3 * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) / 3.0;
        }
        return model.backend().fromArray(x, 3, model.inputSize(), model.dtype());
    }

    private static void tensor(ObjectNode node, Tensor t) {
        node.put("rows", t.rows());
        node.put("cols", t.cols());
        ArrayNode values = node.putArray("values");
        for (double v : t.toDoubleArray()) {
            values.add(v);
        }
    }
}
