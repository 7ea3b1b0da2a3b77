package org.nnfs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.init.Initializer;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Mode;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TensorSpec;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

/** The layer contract: declarations drive allocation and counts, passes own their buffers and gradients. */
class LayerContractTest {
    private final Backend backend = new ReferenceBackend();

    /** An identity layer declaring one tensor of every kind and initialisation. */
    private static class Declaring implements Layer {
        final List<Boolean> trainingContexts = new ArrayList<>();
        final List<LayerContext> contexts = new ArrayList<>();

        @Override
        public String type() {
            return "probe";
        }

        @Override
        public Map<String, String> config() {
            return Map.of();
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public List<TensorSpec> tensors(int inputSize) {
            return List.of(TensorSpec.parameter("w", inputSize, 3).decayed().initializedByModel(),
                    TensorSpec.parameter("g", 1, 3).initializedBy(Initializer.ones()),
                    TensorSpec.parameter("own", 2, 2).initializedBy(Initializer.normal(0.5)),
                    TensorSpec.buffer("b", 1, 3),
                    TensorSpec.buffer("o", 2, 1).initializedBy(Initializer.ones()));
        }

        @Override
        public LayerRunner runner(LayerContext context) {
            trainingContexts.add(context.training());
            contexts.add(context);
            return new LayerRunner() {
                @Override
                public Tensor forward(Tensor input, Mode mode) {
                    return input;
                }

                @Override
                public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
                    return gradOutput;
                }
            };
        }
    }

    @Test
    @DisplayName("the model allocates exactly the declared tensors, initialised as declared, and counts parameters from them")
    void declarationDrivesAllocation() {
        Sequential.Builder builder = Sequential.builder(4).add(new Declaring()).dtype(DType.FLOAT64)
                .init(Initializer.normal(0.1)).seed(9);
        List<DeclaredTensor> declared = builder.declarations();
        Sequential model = builder.build(backend);

        List<String> names = model.tensors().stream().map(ModelTensor::name).toList();
        assertEquals(List.of("probe_0.w", "probe_0.g", "probe_0.own", "probe_0.b", "probe_0.o"), names);
        assertEquals(names, declared.stream().map(DeclaredTensor::name).toList());
        for (int i = 0; i < declared.size(); i++) {
            ModelTensor t = model.tensors().get(i);
            assertEquals(declared.get(i).spec(), t.spec());
            assertTrue(t.value().hasShape(t.spec().rows(), t.spec().cols()), t.name());
        }
        assertEquals(4 * 3 + 3 + 4, model.parameterCount(), "buffers are not parameters");

        // The model's initializer for "w", nothing drawn for the constant ones, then "own" from the same stream.
        SplittableRandom random = new SplittableRandom(9);
        double[] w = new double[12];
        Initializer.normal(0.1).fill(w, 4, 3, random);
        double[] own = new double[4];
        Initializer.normal(0.5).fill(own, 2, 2, random);
        assertArrayEquals(w, model.tensors().get(0).value().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, model.tensors().get(1).value().toDoubleArray());
        assertArrayEquals(own, model.tensors().get(2).value().toDoubleArray());
        assertArrayEquals(new double[3], model.tensors().get(3).value().toDoubleArray());
        assertArrayEquals(new double[] {1, 1}, model.tensors().get(4).value().toDoubleArray());

        List<Parameter> parameters = model.parameters();
        assertEquals(List.of("probe_0.w", "probe_0.g", "probe_0.own"), parameters.stream().map(Parameter::name).toList());
        assertEquals(List.of(true, false, false), parameters.stream().map(Parameter::decay).toList());
        for (int i = 0; i < parameters.size(); i++) {
            assertSame(model.tensors().get(i).value(), parameters.get(i).value(), "parameters are the model's tensors");
        }
        String summary = model.summary();
        assertTrue(summary.contains("total parameters: 19") && summary.contains("buffers (not trained): 5 values"), summary);
    }

    @Test
    @DisplayName("a layer declaring a name twice, or a tensor too large to hold, is refused naming layer and tensor")
    void badDeclarations() {
        Layer twice = new Declaring() {
            @Override
            public List<TensorSpec> tensors(int inputSize) {
                return List.of(TensorSpec.parameter("w", 1, 1), TensorSpec.buffer("w", 1, 1));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder(2).add(twice).build(backend));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("'w' twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder(100_000).dense(100_000).build(backend));
        assertTrue(e.getMessage().contains("'weight' [100000, 100000]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.parameter("Weight", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.parameter("w", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.buffer("b", 1, 1).decayed());
    }

    @Test
    @DisplayName("inference runs runners without gradients: a predicting model allocates none")
    void inferenceAllocatesNoGradients() {
        Declaring probe = new Declaring();
        Sequential model = Sequential.builder(1000).dense(1000).add(probe).build(backend);
        Tensor row = backend.zeros(1, 1000, DType.FLOAT32);
        long before = allocatedBytes();
        model.predict(row);
        long allocated = allocatedBytes() - before;
        // A gradient of the 1000 x 1000 weight alone would take 4 MB or more.
        assertTrue(allocated < 1 << 20, "predicting one row allocated " + allocated + " bytes");
        assertEquals(List.of(false), probe.trainingContexts);
        LayerContext inference = probe.contexts.get(0);
        assertThrows(IllegalStateException.class, () -> inference.gradient("w"));
        assertSame(model.tensors().get(2).value(), inference.tensor("w"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inference.tensor("nope"));
        assertTrue(e.getMessage().contains("[w, g, own, b, o]"), e.getMessage());

        model.parameters();
        assertEquals(List.of(false, true), probe.trainingContexts, "the training pass comes on first use");
        assertThrows(IllegalArgumentException.class, () -> probe.contexts.get(1).gradient("b"), "buffers have no gradient");
    }

    @Test
    @DisplayName("two training passes share the model's weights and keep their own gradients")
    void trainingPassesOwnTheirGradients() {
        Sequential model = Sequential.builder(3).dense(4).tanh().dense(2).dtype(DType.FLOAT64).build(backend);
        TrainingPass a = new TrainingPass(model);
        TrainingPass b = new TrainingPass(model);
        Tensor x1 = backend.fromArray(new double[] {1, 2, 3, -1, 0, 1}, 2, 3, DType.FLOAT64);
        Tensor x2 = backend.fromArray(new double[] {0.5, -2, 1}, 1, 3, DType.FLOAT64);
        Tensor y1 = backend.fromArray(new double[] {1, 0, 0, 1}, 2, 2, DType.FLOAT64);
        Tensor y2 = backend.fromArray(new double[] {0, 1}, 1, 2, DType.FLOAT64);
        a.forward(x1, Mode.TRAINING);
        b.forward(x2, Mode.TRAINING);
        a.backward(new MeanSquaredError(), y1);
        b.backward(new MeanSquaredError(), y2);

        TrainingPass alone = new TrainingPass(model);
        alone.forward(x1, Mode.TRAINING);
        alone.backward(new MeanSquaredError(), y1);
        for (int i = 0; i < a.parameters().size(); i++) {
            Parameter pa = a.parameters().get(i);
            assertSame(pa.value(), b.parameters().get(i).value());
            assertNotSame(pa.grad(), b.parameters().get(i).grad());
            assertArrayEquals(alone.parameters().get(i).grad().toDoubleArray(), pa.grad().toDoubleArray(), pa.name());
            assertFalse(java.util.Arrays.equals(pa.grad().toDoubleArray(), b.parameters().get(i).grad().toDoubleArray()),
                    pa.name() + ": the other pass's batch gives other gradients");
        }
    }

    @Test
    @DisplayName("threads with their own inference passes predict what the shared one does")
    void inferencePassPerThread() throws Exception {
        Sequential model = Sequential.builder(6).dense(32).relu().dense(5).softmax().build(backend);
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[200 * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        Tensor input = backend.fromArray(values, 200, 6, DType.FLOAT32);
        float[] expected = model.predict(input).toFloatArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    InferencePass pass = model.newInferencePass();
                    float[] out = null;
                    for (int k = 0; k < 20; k++) {
                        out = pass.forward(input).toFloatArray();
                    }
                    return out;
                }));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("one layer instance serves two models: layers are configuration only")
    void layersAreShareable() {
        Layer dense = new org.nnfs.layer.Dense(3);
        Sequential a = Sequential.builder(2).add(dense).seed(1).build(backend);
        Sequential b = Sequential.builder(5).add(dense).seed(2).build(backend);
        assertTrue(a.tensors().get(0).value().hasShape(2, 3));
        assertTrue(b.tensors().get(0).value().hasShape(5, 3));
        assertEquals(3, a.predict(backend.zeros(1, 2)).cols());
        assertEquals(3, b.predict(backend.zeros(1, 5)).cols());
    }

    @Test
    @DisplayName("a buffer moves only in training mode, is no parameter, and no optimizer step touches it")
    void buffersAreNotTrained() {
        Sequential model = Sequential.builder(2).add(new Recenter(0.5)).dense(1).dtype(DType.FLOAT64).build(backend);
        Tensor runningMean = model.tensors().get(1).value();
        assertEquals("test_recenter_0.running_mean", model.tensors().get(1).name());
        assertFalse(model.tensors().get(1).isParameter());
        assertTrue(model.parameters().stream().noneMatch(p -> p.value() == runningMean));

        Tensor x = backend.fromArray(new double[] {1, 2, 3, 6}, 2, 2, DType.FLOAT64);
        Tensor y = backend.fromArray(new double[] {1, 0}, 2, 1, DType.FLOAT64);
        double[] inference = model.forward(x, Mode.INFERENCE).toDoubleArray();
        assertArrayEquals(new double[2], runningMean.toDoubleArray(), "inference changes no buffer");
        model.forward(x, Mode.TRAINING);
        assertArrayEquals(new double[] {1, 2}, runningMean.toDoubleArray(), "half of the column means (2, 4)");

        Momentum optimizer = new Momentum(0.1, 0.9, true, 0.5);
        OptimizerState state = optimizer.newState(model.parameters().stream().map(Parameter::value).toList());
        model.backward(new MeanSquaredError(), y);
        optimizer.step(model.parameters(), state);
        model.backward(new MeanSquaredError(), y);
        optimizer.step(model.parameters(), state);
        assertArrayEquals(new double[] {1, 2}, runningMean.toDoubleArray(), "optimizer steps leave buffers alone");
        double[] shifted = model.forward(x, Mode.INFERENCE).toDoubleArray();
        assertFalse(java.util.Arrays.equals(inference, shifted), "inference reads the buffer");
        assertTrue(model.summary().contains("buffers (not trained): 2 values"), model.summary());
    }

    @Test
    @DisplayName("batch norm: gamma and beta are parameters without weight decay; the running statistics are "
            + "buffers that training-mode passes move and optimizer steps, decay included, never touch")
    void batchNormBuffers() {
        Sequential model = Sequential.builder(2).dense(3).add(new BatchNorm()).dense(1).dtype(DType.FLOAT64)
                .build(backend);
        assertEquals(List.of("dense_0.weight", "dense_0.bias", "batch_norm_1.gamma", "batch_norm_1.beta",
                "dense_2.weight", "dense_2.bias"), model.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of(true, false, false, false, true, false),
                model.parameters().stream().map(Parameter::decay).toList());
        Tensor runningMean = model.tensors().get(4).value();
        Tensor runningVar = model.tensors().get(5).value();
        assertEquals("batch_norm_1.running_var", model.tensors().get(5).name());
        assertArrayEquals(new double[] {1, 1, 1}, runningVar.toDoubleArray(), "the running variance starts at 1");

        Tensor x = backend.fromArray(new double[] {1, 2, 3, 6, -1, 0.5}, 3, 2, DType.FLOAT64);
        Tensor y = backend.fromArray(new double[] {1, 0, 1}, 3, 1, DType.FLOAT64);
        model.forward(x, Mode.INFERENCE);
        assertArrayEquals(new double[3], runningMean.toDoubleArray(), "inference moves nothing");
        model.forward(x, Mode.TRAINING);
        double[] mean = runningMean.toDoubleArray();
        double[] variance = runningVar.toDoubleArray();
        assertFalse(java.util.Arrays.equals(new double[3], mean), "a training pass moves the running mean");

        Momentum optimizer = new Momentum(0.1, 0.9, true, 0.5);
        OptimizerState state = optimizer.newState(model.parameters().stream().map(Parameter::value).toList());
        double[] gamma = model.tensors().get(2).value().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            model.backward(new MeanSquaredError(), y);
            optimizer.step(model.parameters(), state);
        }
        assertArrayEquals(mean, runningMean.toDoubleArray(), "optimizer steps leave the running mean alone");
        assertArrayEquals(variance, runningVar.toDoubleArray(), "and the running variance");
        assertFalse(java.util.Arrays.equals(gamma, model.tensors().get(2).value().toDoubleArray()), "gamma trains");
        assertTrue(model.summary().contains("buffers (not trained): 6 values"), model.summary());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
