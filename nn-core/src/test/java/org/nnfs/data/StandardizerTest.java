package org.nnfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.layer.Mode;
import org.nnfs.layer.Rescale;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

class StandardizerTest {
    private final Backend backend = new ReferenceBackend();

    /** Three examples of three features: a spread one, a constant one, one with a large mean. */
    private static final float[] FEATURES = {1, 5, 1000, 2, 5, 1002, 6, 5, 1007};

    @Test
    @DisplayName("mean and population standard deviation, as scikit-learn's StandardScaler")
    void meanStd() {
        Standardizer s = Standardizer.meanStd(FEATURES, 3, 3);
        assertArrayEquals(new double[] {3, 5, 1003}, s.center(), 1e-12);
        double std0 = Math.sqrt((4 + 1 + 9) / 3.0);
        double std2 = Math.sqrt((9 + 1 + 16) / 3.0);
        assertArrayEquals(new double[] {1 / std0, 1, 1 / std2}, s.scale(), 1e-12, "a constant feature keeps scale 1");
    }

    @Test
    @DisplayName("minimum and range")
    void minMax() {
        Standardizer s = Standardizer.minMax(FEATURES, 3, 3);
        assertArrayEquals(new double[] {1, 5, 1000}, s.center());
        assertArrayEquals(new double[] {1 / 5.0, 1, 1 / 7.0}, s.scale(), 1e-15);
    }

    @Test
    @DisplayName("fitting a dataset on the backend (in chunks) gives what fitting the array gives")
    void fitsDatasets() {
        int rows = 2500;
        float[] x = new float[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37) * (i % 2 == 0 ? 3 : 0.01f) + (i % 2 == 0 ? 10 : -4);
        }
        Dataset data = Dataset.regression(backend, DType.FLOAT32, x, rows, 2, new float[rows], 1);
        assertArrayEquals(Standardizer.meanStd(x, rows, 2).scale(), Standardizer.meanStd(data).scale(), 1e-12);
        assertArrayEquals(Standardizer.minMax(x, rows, 2).center(), Standardizer.minMax(data).center(), 0);
    }

    @Test
    @DisplayName("as the first layer, it standardises every prediction and is saved with the model")
    void inTheModel(@TempDir Path dir) throws IOException {
        Standardizer s = Standardizer.meanStd(FEATURES, 3, 3);
        Sequential model = Sequential.builder(3).add(new Rescale()).dtype(DType.FLOAT64).build(backend);
        s.copyInto(model);
        double[] y = model.predict(backend.fromArray(FEATURES, 3, 3, DType.FLOAT64)).toDoubleArray();
        double[] center = s.center();
        double[] scale = s.scale();
        for (int i = 0; i < y.length; i++) {
            assertEquals((FEATURES[i] - center[i % 3]) * scale[i % 3], y[i], 1e-12);
        }
        Path file = dir.resolve("standardised.nnfs");
        ModelFile.save(model, file);
        assertArrayEquals(y, ModelFile.load(file, backend).predict(backend.fromArray(FEATURES, 3, 3, DType.FLOAT64))
                .toDoubleArray(), "the buffers are in the file");
    }

    @Test
    @DisplayName("in the middle of a model its backward pass scales the gradient and trains nothing")
    void backwardScales() {
        Sequential model = Sequential.builder(2).dense(2).add(new Rescale()).dtype(DType.FLOAT64).seed(3).build(backend);
        Tensor scale = model.tensors().get(3).value();
        assertEquals("rescale_1.scale", model.tensors().get(3).name());
        backend.copyFrom(new double[] {2, -0.5}, scale);
        backend.copyFrom(new double[] {0.25, 1}, model.tensors().get(2).value());
        assertEquals(2, model.parameters().size(), "only the dense layer's weight and bias are trained");

        Tensor x = backend.fromArray(new double[] {1, 2, -1, 0.5}, 2, 2, DType.FLOAT64);
        Tensor target = backend.fromArray(new double[] {0, 1, 1, 0}, 2, 2, DType.FLOAT64);
        model.forward(x, Mode.TRAINING);
        model.backward(new MeanSquaredError(), target);
        Parameter weight = model.parameters().get(0);
        double[] analytic = weight.grad().toDoubleArray();
        double[] w = weight.value().toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + h;
            backend.copyFrom(w, weight.value());
            double plus = new MeanSquaredError().compute(model.forward(x, Mode.TRAINING), target, null);
            w[i] = saved - h;
            backend.copyFrom(w, weight.value());
            double minus = new MeanSquaredError().compute(model.forward(x, Mode.TRAINING), target, null);
            w[i] = saved;
            backend.copyFrom(w, weight.value());
            assertEquals((plus - minus) / (2 * h), analytic[i], 1e-8, "dW[" + i + "]");
        }
    }

    @Test
    @DisplayName("refuses a model that does not start with a rescale layer of its width, and non-finite data")
    void refusals() {
        Standardizer s = Standardizer.meanStd(FEATURES, 3, 3);
        Sequential dense = Sequential.builder(3).dense(2).build(backend);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.copyInto(dense)).getMessage()
                .contains("first layer is Dense(2)"));
        Sequential wide = Sequential.builder(4).add(new Rescale()).build(backend);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.copyInto(wide)).getMessage()
                .contains("fitted on 3 features, but the model takes 4"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Standardizer.meanStd(new float[] {1, Float.NaN}, 1, 2)).getMessage().contains("feature 1"));
    }
}
