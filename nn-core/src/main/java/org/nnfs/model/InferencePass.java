package org.nnfs.model;

import java.lang.reflect.Array;
import java.util.concurrent.locks.StampedLock;

import org.nnfs.eval.Evaluator;
import org.nnfs.internal.Batches;
import org.nnfs.internal.ClassDecision;
import org.nnfs.internal.RowBuffers;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Mode;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

/**
 * Inference over a model on one thread: runners of every layer with their own activation buffers,
 * reading the model's shared tensors and allocating no gradients. Not thread-safe: a thread that
 * predicts uses its own pass. {@link Sequential}'s own {@code predict} and {@code classify} lend each
 * calling thread an idle pass of the model's, so most code never needs one; a thread that runs many
 * predictions may keep one ({@link Sequential#newInferencePass()}) and save the loan.
 *
 * <p>Every method runs the layers in chunks of rows whose widest tensor has at most
 * {@value Sequential#INFERENCE_CHUNK_ELEMENTS} elements (and at most {@value Sequential#INFERENCE_CHUNK_MAX_ROWS}
 * rows), so a large input needs bounded buffers; a tensor input that fits in one chunk runs as it is,
 * uncopied. The methods that write into the caller's arrays allocate nothing once the pass has seen a row
 * count (on any backend). Each chunk sees the model's tensors between two
 * training steps, never in the middle of one (see {@link Sequential#beginTrainingStep()}).
 */
public final class InferencePass {
    private final Sequential model;
    private final Backend backend;
    private final LayerRunner[] runners;
    private final RowBuffers chunkInputs;
    private final ClassDecision decision;
    private final int inputs;
    private final int outputs;
    /** Rows per chunk. */
    private final int chunk;
    private float[] floatChunk = new float[0];
    private double[] hostIn = new double[0];
    private double[] hostOut = new double[0];

    InferencePass(Sequential model) {
        this.model = model;
        this.backend = model.backend();
        runners = new LayerRunner[model.layers().size()];
        for (int i = 0; i < runners.length; i++) {
            runners[i] = model.layers().get(i).runner(new RunnerContext(model, i, java.util.Map.of(), false));
        }
        chunkInputs = new RowBuffers(backend, model.dtype(), model.inputSize());
        decision = new ClassDecision(backend, model.head(), Evaluator.DEFAULT_THRESHOLD);
        inputs = model.inputSize();
        outputs = model.outputSize();
        chunk = model.inferenceChunkRows();
    }

    /** The model this pass runs. */
    public Sequential model() {
        return model;
    }

    /** The most rows this pass runs through the layers at once; larger inputs run in chunks of this many. */
    public int chunkRows() {
        return chunk;
    }

    /**
     * Runs every layer in inference mode; the result is this pass's buffer, valid until its next call.
     *
     * @throws TensorMismatchException if {@code input} is not {@code [rows, inputSize]} on the model's backend
     */
    public Tensor forward(Tensor input) {
        model.checkInput(input);
        // Optimistic: with no training step under way (the usual case) inference writes no shared
        // memory at all, so threads scale. If a step ran meanwhile, compute again holding it off.
        StampedLock steps = model.steps();
        long stamp = steps.tryOptimisticRead();
        if (stamp != 0) {
            Tensor y = runLayers(input);
            if (steps.validate(stamp)) {
                return y;
            }
        }
        stamp = steps.readLock();
        try {
            return runLayers(input);
        } finally {
            steps.unlockRead(stamp);
        }
    }

    private Tensor runLayers(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < runners.length; i++) { // indexed: an iterator allocates
            x = runners[i].forward(x, Mode.INFERENCE);
        }
        return x;
    }

    // ------------------------------------------------------------------ tensors in

    /** Outputs for every row of {@code input}, as a new tensor. */
    public Tensor predict(Tensor input) {
        model.checkInput(input);
        // Doubles on the host, so float64 models lose nothing on the way through.
        double[] out = new double[input.rows() * outputs];
        int[] order = Batches.identity(input.rows());
        for (int offset = 0; offset < input.rows(); offset += chunk) {
            int rows = Math.min(chunk, input.rows() - offset);
            System.arraycopy(hostOut(forwardRows(input, order, offset, rows)), 0, out, offset * outputs,
                    rows * outputs);
        }
        return backend.fromArray(out, input.rows(), outputs, model.dtype());
    }

    /** The class of every row of {@code input} (see {@link Sequential#classify(Tensor)}). */
    public int[] classify(Tensor input) {
        model.checkInput(input);
        int[] classes = new int[input.rows()];
        int[] order = Batches.identity(input.rows());
        for (int offset = 0; offset < input.rows(); offset += chunk) {
            int rows = Math.min(chunk, input.rows() - offset);
            decision.classes(forwardRows(input, order, offset, rows), classes, offset);
        }
        return classes;
    }

    private Tensor forwardRows(Tensor input, int[] order, int offset, int rows) {
        if (offset == 0 && rows == input.rows()) {
            return forward(input);
        }
        Tensor x = chunkInputs.get(rows);
        backend.gatherRows(input, order, offset, x);
        return forward(x);
    }

    // ------------------------------------------------------------------ row-major arrays in, no allocation

    /**
     * Writes the outputs of {@code rows} examples, given row-major in {@code features}, row-major into
     * {@code out}. Allocates nothing once this pass has seen the row count.
     *
     * @throws TensorMismatchException when {@code features} does not hold {@code rows} rows of the model's
     *                                 inputs, or {@code out} is shorter than {@code rows} rows of its outputs
     */
    public void predict(float[] features, int rows, float[] out) {
        checkRowMajor(features, rows);
        if (out.length < rows * outputs) {
            throw new TensorMismatchException("predict: out has " + out.length + " values, but " + rows + " rows of "
                    + outputs + " outputs need " + rows * outputs);
        }
        for (int offset = 0; offset < rows; offset += chunk) {
            int n = Math.min(chunk, rows - offset);
            Tensor y = forwardUploaded(features, offset, n);
            if (offset == 0) {
                backend.copyTo(y, out); // the first chunk lands at the start of out: no staging
            } else {
                if (floatChunk.length < y.size()) {
                    floatChunk = new float[y.size()];
                }
                backend.copyTo(y, floatChunk);
                System.arraycopy(floatChunk, 0, out, offset * outputs, y.size());
            }
        }
    }

    /** The outputs of {@code rows} examples given row-major in {@code features}, row-major. */
    public float[] predict(float[] features, int rows) {
        checkRowMajor(features, rows);
        float[] out = new float[rows * outputs];
        predict(features, rows, out);
        return out;
    }

    /**
     * Writes the class of each of {@code rows} examples, given row-major in {@code features}, into
     * {@code out}. Allocates nothing once this pass has seen the row count.
     *
     * @throws TensorMismatchException when {@code features} does not hold {@code rows} rows of the model's
     *                                 inputs, or {@code out} has fewer than {@code rows} elements
     */
    public void classify(float[] features, int rows, int[] out) {
        checkRowMajor(features, rows);
        if (out.length < rows) {
            throw new TensorMismatchException("classify: out has " + out.length + " elements for " + rows + " rows");
        }
        for (int offset = 0; offset < rows; offset += chunk) {
            int n = Math.min(chunk, rows - offset);
            decision.classes(forwardUploaded(features, offset, n), out, offset);
        }
    }

    /** The class of each of {@code rows} examples given row-major in {@code features}. */
    public int[] classify(float[] features, int rows) {
        checkRowMajor(features, rows);
        int[] out = new int[rows];
        classify(features, rows, out);
        return out;
    }

    private void checkRowMajor(float[] features, int rows) {
        if (rows < 1 || (long) rows * inputs != features.length) {
            throw new TensorMismatchException("model input: " + features.length + " values are not " + rows
                    + " rows of " + inputs + " features");
        }
    }

    private Tensor forwardUploaded(float[] features, int offset, int rows) {
        Tensor x = chunkInputs.get(rows);
        backend.copyFrom(features, offset * inputs, x);
        return forward(x);
    }

    // ------------------------------------------------------------------ rows in

    /** The outputs of every row of {@code rows}, one row each (probabilities, for a classifier). */
    public float[][] predict(float[][] rows) {
        float[][] out = new float[checkRows(rows)][outputs];
        forEachChunk(rows, (y, offset) -> {
            double[] v = hostOut(y);
            for (int r = 0; r < y.rows(); r++) {
                for (int c = 0; c < outputs; c++) {
                    out[offset + r][c] = (float) v[r * outputs + c];
                }
            }
        });
        return out;
    }

    /** The outputs of every row of {@code rows}, one row each (probabilities, for a classifier). */
    public double[][] predict(double[][] rows) {
        double[][] out = new double[checkRows(rows)][];
        forEachChunk(rows, (y, offset) -> {
            double[] v = hostOut(y);
            for (int r = 0; r < y.rows(); r++) {
                out[offset + r] = java.util.Arrays.copyOfRange(v, r * outputs, (r + 1) * outputs);
            }
        });
        return out;
    }

    /** The class of every row of {@code rows} (see {@link Sequential#classify(Tensor)}). */
    public int[] classify(float[][] rows) {
        int[] out = new int[checkRows(rows)];
        forEachChunk(rows, (y, offset) -> decision.classes(y, out, offset));
        return out;
    }

    /** The class of every row of {@code rows} (see {@link Sequential#classify(Tensor)}). */
    public int[] classify(double[][] rows) {
        int[] out = new int[checkRows(rows)];
        forEachChunk(rows, (y, offset) -> decision.classes(y, out, offset));
        return out;
    }

    /** What becomes of a chunk's outputs: rows {@code [offset, offset + y.rows())} of the input. */
    private interface ChunkSink {
        void accept(Tensor y, int offset);
    }

    /** Runs the model over {@code rows} (a {@code float[][]} or {@code double[][]}) chunk by chunk. */
    private void forEachChunk(Object[] rows, ChunkSink sink) {
        for (int offset = 0; offset < rows.length; offset += chunk) {
            int n = Math.min(chunk, rows.length - offset);
            if (hostIn.length < n * inputs) {
                hostIn = new double[n * inputs];
            }
            for (int r = 0; r < n; r++) {
                Object row = rows[offset + r];
                if (row instanceof float[] f) {
                    for (int c = 0; c < inputs; c++) {
                        hostIn[r * inputs + c] = f[c];
                    }
                } else {
                    System.arraycopy((double[]) row, 0, hostIn, r * inputs, inputs);
                }
            }
            Tensor x = chunkInputs.get(n);
            backend.copyFrom(hostIn, x);
            sink.accept(forward(x), offset);
        }
    }

    /** The number of rows, after checking that each has the model's number of features. */
    private int checkRows(Object[] rows) {
        if (rows.length == 0) {
            throw new TensorMismatchException("model input has no rows");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || Array.getLength(rows[r]) != inputs) {
                throw new TensorMismatchException("model input row " + r + " has "
                        + (rows[r] == null ? "no array" : Array.getLength(rows[r]) + " features")
                        + ", but the model takes " + inputs);
            }
        }
        return rows.length;
    }

    /** {@code y} on the host, in a buffer reused by the next call. */
    private double[] hostOut(Tensor y) {
        if (hostOut.length < y.size()) {
            hostOut = new double[y.size()];
        }
        backend.copyTo(y, hostOut);
        return hostOut;
    }
}
