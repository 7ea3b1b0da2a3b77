package org.nnfs.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnfs.interop.testing.Close.assertClose;
import static org.nnfs.interop.testing.Close.widen;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.interop.testing.AllBackends;
import org.nnfs.interop.testing.MnistSubset;
import org.nnfs.interop.testing.OnnxRuntime;
import org.nnfs.io.ModelFile;
import org.nnfs.layer.Layer;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;
import org.nnfs.data.Dataset;

/**
 * ONNX files written by PyTorch's exporter (see the README beside them) import on every backend and
 * reproduce PyTorch's outputs on the first 200 MNIST test images to 1e-5, and ONNX Runtime's too.
 */
class OnnxFixturesTest {
    private static final int N = MnistSubset.COUNT;

    /** A fixture, its input's name and shape per example, and the layers it becomes. */
    record Fixture(String name, String input, long[] exampleShape, List<String> layers) {
        @Override
        public String toString() {
            return name;
        }

        Path path() throws URISyntaxException {
            return Path.of(OnnxFixturesTest.class.getResource("pytorch/" + name + ".onnx").toURI());
        }
    }

    static final List<Fixture> FIXTURES = List.of(
            new Fixture("mlp_gemm_relu", "input", new long[] {784}, List.of("dense", "relu", "dense", "softmax")),
            new Fixture("mlp_matmul_tanh", "input", new long[] {784}, List.of("dense", "tanh", "dense", "softmax")),
            new Fixture("image_bn_sigmoid", "image", new long[] {1, 28, 28},
                    List.of("rescale", "dense", "rescale", "sigmoid", "dense", "softmax")),
            new Fixture("image_leaky_relu", "image", new long[] {1, 28, 28},
                    List.of("dense", "leaky_relu", "dense", "softmax")));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : AllBackends.names()) {
            for (Fixture f : FIXTURES) {
                cases.add(Arguments.of(backend, f));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    @DisplayName("reproduces PyTorch's and ONNX Runtime's outputs")
    void reproducesPyTorch(String backendName, Fixture fixture) throws Exception {
        Backend backend = Backends.get(backendName);
        Sequential model = Onnx.load(fixture.path(), backend);
        assertEquals(fixture.layers(), model.layers().stream().map(Layer::type).toList());
        assertEquals(DType.FLOAT32, model.dtype());
        float[] images = MnistSubset.images();
        double[] ours = model.predict(backend.fromArray(images, N, MnistSubset.PIXELS, DType.FLOAT32)).toDoubleArray();
        assertClose(expected(fixture.name()), ours, 1e-5, fixture + " vs PyTorch on " + backendName);

        long[] shape = new long[fixture.exampleShape().length + 1];
        shape[0] = N;
        System.arraycopy(fixture.exampleShape(), 0, shape, 1, fixture.exampleShape().length);
        assertClose(widen(OnnxRuntime.run(fixture.path(), fixture.input(), images, shape, "probabilities")), ours, 1e-5,
                fixture + " vs ONNX Runtime on " + backendName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("an imported model trains further and is saved as a model file of this library")
    void trainsFurtherAndSaves(Fixture fixture, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Backend backend = Backends.get("reference");
        Sequential model = Onnx.load(fixture.path(), backend);
        Dataset data = Dataset.classification(backend, DType.FLOAT32, MnistSubset.images(), N, MnistSubset.PIXELS,
                MnistSubset.labels(), 10);
        double before = Trainer.builder(model).build().evaluate(data).loss();
        Trainer trainer = Trainer.builder(model).optimizer(new Sgd(0.05)).loss(new CrossEntropy()).seed(1).build();
        trainer.fit(data, FitOptions.builder().epochs(3).batchSize(50).build());
        double after = trainer.evaluate(data).loss();
        assertEquals(true, after < before, "loss on the 200 images " + before + " -> " + after);

        Path file = dir.resolve(fixture.name() + ".nnfs");
        ModelFile.save(trainer.checkpoint(), file);
        Tensor x = backend.fromArray(MnistSubset.images(), N, MnistSubset.PIXELS, DType.FLOAT32);
        assertClose(model.predict(x).toDoubleArray(), ModelFile.load(file, backend).predict(x).toDoubleArray(), 0,
                "saved and loaded");
    }

    static Stream<Fixture> fixtures() {
        return FIXTURES.stream();
    }

    /** PyTorch's outputs, row-major. */
    static double[] expected(String name) throws IOException {
        try (InputStream in = OnnxFixturesTest.class.getResourceAsStream("pytorch/" + name + ".expected.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\n");
            assertEquals(N, lines.length);
            double[] values = new double[N * 10];
            for (int r = 0; r < N; r++) {
                String[] fields = lines[r].split(",");
                assertEquals(10, fields.length);
                for (int c = 0; c < 10; c++) {
                    values[r * 10 + c] = Double.parseDouble(fields[c]);
                }
            }
            return values;
        }
    }
}
