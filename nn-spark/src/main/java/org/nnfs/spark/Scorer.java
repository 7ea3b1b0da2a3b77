package org.nnfs.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nnfs.model.InferencePass;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Scores a partition's rows in chunks: the broadcast model (which Spark deserialises once per executor
 * JVM) is built once on each of the executor's backends and run by one inference pass per slot, so a
 * task allocates nothing per row beyond the output row itself.
 */
final class Scorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Rows per forward pass. */
    static final int CHUNK = 1024;

    /** What each appended column holds, in the output schema's order. */
    enum Output { RAW_PREDICTION, PROBABILITY, PREDICTION }

    private final Broadcast<ModelSnapshot> model;
    private final String backend;
    private final int featuresIndex;
    private final String featuresCol;
    private final Output[] outputs;
    private final double[] thresholds;

    /**
     * @param thresholds per-class thresholds (Spark ML's {@code thresholds}: the class with the largest
     *                   {@code p / t} wins), or {@code null} for the most probable class
     */
    Scorer(Broadcast<ModelSnapshot> model, String backend, int featuresIndex, String featuresCol, Output[] outputs,
           double[] thresholds) {
        this.model = model;
        this.backend = backend;
        this.featuresIndex = featuresIndex;
        this.featuresCol = featuresCol;
        this.outputs = outputs;
        this.thresholds = thresholds;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExecutorState.Slot slot = ExecutorState.borrow(backend);
        TaskContext.get().addTaskCompletionListener((TaskCompletionListener) task -> ExecutorState.release(slot));
        Scoring scoring = slot.get("score-" + model.id(), Scoring.class, b -> new Scoring(model.value().build(b)));
        return new ScoredRows(rows, scoring);
    }

    /** A model on one slot's backend with its inference pass and chunk buffers. */
    static final class Scoring {
        final Sequential model;
        final Backend backend;
        final InferencePass pass;
        final int inputs;
        final int classes;
        final float[] x;
        final double[] y;
        final Tensor fullChunk;

        Scoring(Sequential model) {
            this.model = model;
            this.backend = model.backend();
            this.pass = model.newInferencePass();
            this.inputs = model.inputSize();
            this.classes = model.outputSize();
            this.x = new float[CHUNK * inputs];
            this.y = new double[CHUNK * classes];
            this.fullChunk = backend.zeros(CHUNK, inputs, model.dtype());
        }

        /** Runs the first {@code rows} rows of {@link #x}; the outputs land in {@link #y}. */
        void run(int rows) {
            Tensor in = rows == CHUNK ? fullChunk : backend.zeros(rows, inputs, model.dtype());
            backend.copyFrom(x, in);
            backend.copyTo(pass.forward(in), y);
        }
    }

    /** The input rows with the appended columns, a chunk at a time. */
    private final class ScoredRows implements Iterator<Row> {
        private final Iterator<Row> in;
        private final Scoring s;
        private final Row[] chunk = new Row[CHUNK];
        private int filled;
        private int next;
        private long seen;

        ScoredRows(Iterator<Row> in, Scoring s) {
            this.in = in;
            this.s = s;
        }

        @Override
        public boolean hasNext() {
            if (next < filled) {
                return true;
            }
            fill();
            return filled > 0;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int r = next++;
            Row row = chunk[r];
            chunk[r] = null;
            Object[] values = new Object[row.length() + outputs.length];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            double[] p = new double[s.classes];
            System.arraycopy(s.y, r * s.classes, p, 0, s.classes);
            for (int k = 0; k < outputs.length; k++) {
                values[row.length() + k] = switch (outputs[k]) {
                    case RAW_PREDICTION, PROBABILITY -> Vectors.dense(p);
                    case PREDICTION -> (double) predict(p);
                };
            }
            return RowFactory.create(values);
        }

        private void fill() {
            filled = 0;
            next = 0;
            while (filled < CHUNK && in.hasNext()) {
                Row row = in.next();
                Object value = row.get(featuresIndex);
                if (!(value instanceof Vector v) || v.size() != s.inputs) {
                    throw new IllegalArgumentException("row " + seen + " of partition " + TaskContext.getPartitionId()
                            + ": column '" + featuresCol + "' is " + (value instanceof Vector w ? "a vector of "
                            + w.size() + " values" : value) + "; the model takes vectors of " + s.inputs);
                }
                double[] d = v instanceof DenseVector dense ? dense.values() : v.toArray();
                int base = filled * s.inputs;
                for (int i = 0; i < s.inputs; i++) {
                    s.x[base + i] = (float) d[i];
                }
                chunk[filled++] = row;
                seen++;
            }
            if (filled > 0) {
                s.run(filled);
            }
        }
    }

    /** The predicted class: the most probable, or the largest {@code p / threshold}. */
    private int predict(double[] p) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            double score = thresholds == null ? p[c]
                    : thresholds[c] == 0 ? Double.POSITIVE_INFINITY : p[c] / thresholds[c];
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }
}
