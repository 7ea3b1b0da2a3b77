package org.nnfs.mnist.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.data.Dataset;
import org.nnfs.io.ModelFile;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingDivergedException;
import org.nnfs.train.TrainingListener;

/**
 * A learning rate too high for the problem makes the loss grow until it is no longer finite: training
 * stops with a {@link TrainingDivergedException} naming the epoch and batch, and the checkpoint written
 * after the last good epoch stays loadable, with finite weights, exactly as it was saved.
 *
 * <p>The problem is built so that divergence cannot come in the first epoch: a linear unit {@code p = w x
 * + b} fitted to {@code y = 0} at {@code x = 1} with mean squared error moves to {@code p (1 - 4 lr)} per
 * step, so learning rate 1 triples {@code |p|} each step and float32 overflows after about 80 steps, in
 * the fifth epoch of 20 batches.
 */
class DivergenceCheckpointTest {
    @TempDir
    Path dir;

    static List<String> backends() {
        return org.nnfs.mnist.testing.RealBackends.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void divergenceStopsTrainingAndKeepsTheLastGoodCheckpoint(String name) throws IOException {
        Backend backend = Backends.get(name);
        int n = 200;
        float[] x = new float[n];
        Arrays.fill(x, 1f);
        Dataset data = Dataset.regression(backend, DType.FLOAT32, x, n, 1, new float[n], 1);
        Sequential model = Sequential.builder(1).dense(1).seed(11).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Sgd(1.0)).loss(new MeanSquaredError()).seed(5).build();

        Path checkpoint = dir.resolve("checkpoint.nnfs");
        List<float[][]> saved = new ArrayList<>();
        TrainingListener checkpoints = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                try {
                    ModelFile.save(trainer.checkpoint(), checkpoint);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                saved.add(values(trainer.model()));
            }
        };

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(data, FitOptions.builder().epochs(100).batchSize(10).listener(checkpoints).build()));
        assertTrue(e.epoch() >= 2, "diverged in epoch " + e.epoch() + ": the test needs a good epoch before");
        assertTrue(e.batch() >= 1 && e.batch() <= 20, e.getMessage());
        assertTrue(e.getMessage().contains("at epoch " + e.epoch() + ", batch " + e.batch() + " of 20"), e.getMessage());
        assertEquals(e.epoch() - 1, trainer.epochsCompleted(), "the diverged epoch does not count");

        Trainer restored = Trainer.resume(ModelFile.loadCheckpoint(checkpoint, backend));
        assertEquals(e.epoch() - 1, restored.epochsCompleted());
        float[][] last = saved.get(saved.size() - 1);
        float[][] loaded = values(restored.model());
        for (int i = 0; i < last.length; i++) {
            assertArrayEquals(last[i], loaded[i], "parameter " + i + " as saved after epoch " + (e.epoch() - 1));
            for (float v : loaded[i]) {
                assertTrue(Float.isFinite(v), "the last good checkpoint holds a non-finite weight " + v);
            }
        }
    }

    private static float[][] values(Sequential model) {
        List<Parameter> params = model.parameters();
        float[][] v = new float[params.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = params.get(i).value().toFloatArray();
        }
        return v;
    }
}
