package org.nnfs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Activation;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * Writes the seed inputs of {@link ModelFileFuzzTest}: small valid model files (format version 2) of
 * every layer type, dtype and optimizer, a user-registered layer with a buffer among them, in each of
 * the fuzz target's input modes, named {@code v2-...}. The seeds without a prefix are version-1 files,
 * written by the code of that version; they stay. Run once to (re)create the version-2 seeds:
 *
 * <pre>
 * java -cp nn-core/target/test-classes:nn-core/target/classes:&lt;deps&gt; org.nnfs.io.ModelFileSeeds \
 *     nn-core/src/test/resources/org/nnfs/io/ModelFileFuzzTestInputs/load
 * </pre>
 *
 * Findings of real fuzzing runs land in the same directory, named {@code crash-...}, and stay there as
 * regression inputs.
 */
public final class ModelFileSeeds {
    private ModelFileSeeds() {
    }

    /** Writes the seeds into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Backend backend = new ReferenceBackend();
        Path tmp = Files.createTempFile("seed", ".nnfs");
        try {
            Sequential plain = Sequential.builder(3).dense(2).relu().dense(2).softmax().build(backend);
            ModelFile.save(plain, tmp);
            seeds(out, "v2-plain-model", Files.readAllBytes(tmp));

            Sequential f64 = Sequential.builder(2).dtype(DType.FLOAT64).init(Initializer.glorot()).seed(5)
                    .dense(3).tanh().dropout(0.25).dense(1).sigmoid().build(backend);
            ModelFile.save(trained(f64, new Momentum(0.05, 0.9, true, 1e-4), true).checkpoint(), tmp);
            seeds(out, "v2-float64-momentum", Files.readAllBytes(tmp));

            Sequential adam = Sequential.builder(2).init(Initializer.normal(0.5)).add(new Recenter(0.5)).dense(2)
                    .add(new Activation(new TestLeakyRelu(0.1))).softmax().build(backend);
            ModelFile.save(trained(adam, new Adam(0.01), false).checkpoint(), tmp);
            seeds(out, "v2-adam-buffer", Files.readAllBytes(tmp));

            Sequential sgd = Sequential.builder(1).dense(1).build(backend);
            Trainer untrained = Trainer.builder(sgd).optimizer(new Sgd(0.1)).build();
            ModelFile.save(untrained.checkpoint(), tmp);
            seeds(out, "v2-sgd-trainer", Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Trainer trained(Sequential model, org.nnfs.optim.Optimizer optimizer, boolean regression) {
        Backend backend = model.backend();
        int n = 4;
        float[] x = new float[n * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 3) - 1;
        }
        Trainer.Builder b = Trainer.builder(model).optimizer(optimizer).seed(3);
        Dataset data;
        if (regression) {
            b.loss(new MeanSquaredError());
            float[] y = new float[n * model.outputSize()];
            Arrays.fill(y, 0.5f);
            data = Dataset.regression(backend, model.dtype(), x, n, model.inputSize(), y, model.outputSize());
        } else {
            data = Dataset.classification(backend, model.dtype(), x, n, model.inputSize(), new int[] {0, 1, 1, 0},
                    model.outputSize());
        }
        Trainer trainer = b.build();
        trainer.fit(data, FitOptions.builder().epochs(2).batchSize(3).build());
        return trainer;
    }

    /** The file as a seed of each mode: as is, with the checksum fixed by the harness, and as header + data. */
    private static void seeds(Path dir, String name, byte[] file) throws IOException {
        byte partsMode = 3; // header + data wrapped as version 2
        Files.write(dir.resolve(name + "-raw"), prefixed((byte) 0, file));
        Files.write(dir.resolve(name + "-crc"), prefixed((byte) 1, file));
        int headerLength = java.nio.ByteBuffer.wrap(file, 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] header = Arrays.copyOfRange(file, 16, 16 + headerLength);
        byte[] data = Arrays.copyOfRange(file, 16 + headerLength, file.length - 4);
        byte[] parts = new byte[1 + header.length + 1 + data.length];
        parts[0] = partsMode;
        System.arraycopy(header, 0, parts, 1, header.length);
        System.arraycopy(data, 0, parts, header.length + 2, data.length);
        Files.write(dir.resolve(name + "-parts"), parts);
        // The wrapped form must rebuild exactly the original file, or the mode-2 seed would be no model at all.
        if (!Arrays.equals(ModelFileFuzzTest.fileBytes(partsMode, Arrays.copyOfRange(parts, 1, parts.length)), file)) {
            throw new IllegalStateException(name + ": header + data do not rebuild the file "
                    + new String(header, StandardCharsets.UTF_8));
        }
    }

    private static byte[] prefixed(byte mode, byte[] file) {
        byte[] b = new byte[file.length + 1];
        b[0] = mode;
        System.arraycopy(file, 0, b, 1, file.length);
        return b;
    }
}
