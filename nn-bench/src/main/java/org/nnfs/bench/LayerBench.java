package org.nnfs.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Scratch;
import org.nnfs.layer.TensorSpec;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * One layer's training runner outside any model, so a benchmark measures its forward and backward
 * passes alone: the layer's declared tensors drawn as a model would, gradients, and scratch tensors
 * that keep the buffer of the last row count (benchmarks use one).
 */
final class LayerBench implements LayerContext {
    private final Backend backend;
    private final DType dtype;
    private final int inputSize;
    private final Map<String, Tensor> values = new HashMap<>();
    private final Map<String, Tensor> gradients = new HashMap<>();

    private LayerBench(Backend backend, DType dtype, int inputSize) {
        this.backend = backend;
        this.dtype = dtype;
        this.inputSize = inputSize;
    }

    /** A training runner of {@code layer} for {@code inputSize} inputs, drawn by {@code init} from {@code seed}. */
    static LayerRunner runner(Layer layer, Backend backend, DType dtype, int inputSize, Initializer init, long seed) {
        LayerBench context = new LayerBench(backend, dtype, inputSize);
        SplittableRandom random = new SplittableRandom(seed);
        List<TensorSpec> specs = layer.tensors(inputSize);
        for (TensorSpec spec : specs) {
            double[] v = new double[spec.rows() * spec.cols()];
            spec.initializer().orElse(init).fill(v, spec.rows(), spec.cols(), random);
            context.values.put(spec.name(), backend.fromArray(v, spec.rows(), spec.cols(), dtype));
            if (spec.isParameter()) {
                context.gradients.put(spec.name(), backend.zeros(spec.rows(), spec.cols(), dtype));
            }
        }
        return layer.runner(context);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public String layerName() {
        return "benchmarked layer";
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public boolean training() {
        return true;
    }

    @Override
    public Tensor tensor(String name) {
        return values.get(name);
    }

    @Override
    public Tensor gradient(String name) {
        return gradients.get(name);
    }

    @Override
    public Scratch scratch(int cols) {
        return new Scratch() {
            private Tensor last;

            @Override
            public Tensor rows(int rows) {
                if (last == null || last.rows() != rows) {
                    last = backend.zeros(rows, cols, dtype);
                }
                return last;
            }
        };
    }
}
