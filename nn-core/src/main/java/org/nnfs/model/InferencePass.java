package org.nnfs.model;

import org.nnfs.internal.Batches;
import org.nnfs.internal.RowBuffers;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Mode;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

/**
 * Inference over a model on one thread: runners of every layer with their own activation buffers,
 * reading the model's shared tensors and allocating no gradients. Not thread-safe; each thread that
 * predicts in parallel uses its own pass ({@link Sequential#newInferencePass()}), while
 * {@link Sequential#predict} and {@link Sequential#classify} share one under the model's lock.
 */
public final class InferencePass {
    private final Sequential model;
    private final Backend backend;
    private final LayerRunner[] runners;
    private final RowBuffers chunkInputs;

    InferencePass(Sequential model) {
        this.model = model;
        this.backend = model.backend();
        runners = new LayerRunner[model.layers().size()];
        for (int i = 0; i < runners.length; i++) {
            runners[i] = model.layers().get(i).runner(new RunnerContext(model, i, java.util.Map.of(), false));
        }
        chunkInputs = new RowBuffers(backend, model.dtype(), model.inputSize());
    }

    /** The model this pass runs. */
    public Sequential model() {
        return model;
    }

    /**
     * Runs every layer in inference mode; the result is this pass's buffer, valid until its next call.
     *
     * @throws TensorMismatchException if {@code input} is not {@code [rows, inputSize]} on the model's backend
     */
    public Tensor forward(Tensor input) {
        model.checkInput(input);
        Tensor x = input;
        for (int i = 0; i < runners.length; i++) {
            x = runners[i].forward(x, Mode.INFERENCE);
        }
        return x;
    }

    /** Outputs for every row of {@code input}, as a new tensor, computed in chunks of bounded size. */
    public Tensor predict(Tensor input) {
        model.checkInput(input);
        int width = model.outputSize();
        // Doubles on the host, so float64 models lose nothing on the way through.
        double[] out = new double[input.rows() * width];
        int[] order = Batches.identity(input.rows());
        double[] chunk = new double[Math.min(Sequential.INFERENCE_CHUNK, input.rows()) * width];
        for (int offset = 0; offset < input.rows(); offset += Sequential.INFERENCE_CHUNK) {
            int rows = Math.min(Sequential.INFERENCE_CHUNK, input.rows() - offset);
            backend.copyTo(forwardChunk(input, order, offset, rows), chunk);
            System.arraycopy(chunk, 0, out, offset * width, rows * width);
        }
        return backend.fromArray(out, input.rows(), width, model.dtype());
    }

    /** The index of the largest output (the class) for every row of {@code input}. */
    public int[] classify(Tensor input) {
        model.checkInput(input);
        int[] classes = new int[input.rows()];
        int[] order = Batches.identity(input.rows());
        int[] chunk = new int[Math.min(Sequential.INFERENCE_CHUNK, input.rows())];
        for (int offset = 0; offset < input.rows(); offset += Sequential.INFERENCE_CHUNK) {
            int rows = Math.min(Sequential.INFERENCE_CHUNK, input.rows() - offset);
            backend.argmaxRows(forwardChunk(input, order, offset, rows), chunk);
            System.arraycopy(chunk, 0, classes, offset, rows);
        }
        return classes;
    }

    private Tensor forwardChunk(Tensor input, int[] order, int offset, int rows) {
        if (offset == 0 && rows == input.rows()) {
            return forward(input);
        }
        Tensor x = chunkInputs.get(rows);
        backend.gatherRows(input, order, offset, x);
        return forward(x);
    }
}
