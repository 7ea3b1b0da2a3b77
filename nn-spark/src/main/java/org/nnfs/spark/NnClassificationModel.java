package org.nnfs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nnfs.io.ModelFile;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backends;
import org.nnfs.train.EpochSummary;

import scala.Option;

/**
 * A trained {@link NnClassifier}: adds the class probabilities ({@code probabilityCol}, also written to
 * {@code rawPredictionCol}, since the network ends in a softmax) and the predicted class
 * ({@code predictionCol}) to a {@code DataFrame}. Scoring runs partition by partition, in chunks, on the
 * executors' backends.
 *
 * <p>Saved with {@code write().save(path)} as Spark ML's metadata plus this library's model file
 * ({@code path/data/model.nnfs}, see docs/model-format.md), which {@code ModelFile.load} also reads
 * outside Spark. {@link #model()} is the network itself, to use or save on one machine.
 */
public class NnClassificationModel extends ProbabilisticClassificationModel<Vector, NnClassificationModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** Where in a saved model's directory the model file goes. */
    static final String MODEL_FILE = "data/model.nnfs";

    private final String uid;
    private final transient Sequential model;
    private final List<EpochSummary> history;
    private final Param<String> backend;

    NnClassificationModel(String uid, Sequential model, List<EpochSummary> history) {
        this(PendingUid.of(uid), model, history);
    }

    private NnClassificationModel(PendingUid pending, Sequential model, List<EpochSummary> history) {
        this.uid = pending.take();
        this.model = model;
        this.history = List.copyOf(history);
        backend = new Param<>(this, "backend", "the executors' tensor backend by name (vector, nd4j, ojalgo); "
                + "empty: each executor's default");
        setDefault(backend, "");
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.current();
    }

    /** The executors' tensor backend by name, for scoring. */
    public Param<String> backend() {
        return backend;
    }

    /** The executors' backend for scoring; empty for each executor's default. */
    public String getBackend() {
        return getOrDefault(backend);
    }

    /** Sets the executors' backend for scoring by name; empty for each executor's default. */
    public NnClassificationModel setBackend(String name) {
        return (NnClassificationModel) set(backend, name == null ? "" : name.strip());
    }

    /** The trained network, on the driver: predict with it, or save it with {@code ModelFile.save}. */
    public Sequential model() {
        return model;
    }

    /** The summaries of the training's epochs (empty for a loaded model). */
    public List<EpochSummary> history() {
        return history;
    }

    @Override
    public int numClasses() {
        return model.outputSize();
    }

    @Override
    public int numFeatures() {
        return model.inputSize();
    }

    /** The class probabilities of one example, computed on the driver. */
    @Override
    public Vector predictRaw(Vector features) {
        if (features.size() != model.inputSize()) {
            throw new IllegalArgumentException("features have " + features.size() + " values; the model takes "
                    + model.inputSize());
        }
        double[] d = features.toArray();
        float[] x = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            x[i] = (float) d[i];
        }
        float[] p = model.predict(x, 1);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return Vectors.dense(out);
    }

    /** Raw predictions are already probabilities (the network ends in a softmax). */
    @Override
    public Vector raw2probabilityInPlace(Vector raw) {
        if (!(raw instanceof DenseVector)) {
            throw new IllegalArgumentException("expected a dense vector of probabilities, got " + raw);
        }
        return raw;
    }

    /**
     * Adds the output columns, scoring partition by partition on the executors: the model is broadcast
     * once, built once per executor backend, and run a chunk of rows at a time.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in, true);
        List<Scorer.Output> outputs = new ArrayList<>();
        for (StructField f : out.fields()) {
            if (in.getFieldIndex(f.name()).isDefined()) {
                continue;
            }
            if (f.name().equals(getRawPredictionCol())) {
                outputs.add(Scorer.Output.RAW_PREDICTION);
            } else if (f.name().equals(getProbabilityCol())) {
                outputs.add(Scorer.Output.PROBABILITY);
            } else if (f.name().equals(getPredictionCol())) {
                outputs.add(Scorer.Output.PREDICTION);
            } else {
                throw new IllegalStateException("unexpected output column '" + f.name() + "' in " + out.simpleString());
            }
        }
        if (outputs.isEmpty()) {
            return dataset.toDF();
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<ModelSnapshot> shared = sc.broadcast(ModelSnapshot.of(model));
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        Scorer scorer = new Scorer(shared, getBackend(), in.fieldIndex(getFeaturesCol()), getFeaturesCol(),
                outputs.toArray(new Scorer.Output[0]), thresholds);
        return dataset.toDF().mapPartitions(scorer, Encoders.row(out));
    }

    @Override
    public NnClassificationModel copy(ParamMap extra) {
        return copyValues(new NnClassificationModel(uid, model, history), extra).setParent(parent());
    }

    /** Scala's covariant override of this method cannot be expressed in Java's generics; the raw type can. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a model saved with {@code write().save(path)}. */
    public static MLReader<NnClassificationModel> read() {
        return new Reader();
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static NnClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "NnClassificationModel: uid=" + uid + ", " + model;
    }

    /** Spark ML's metadata and params, then the model file. */
    private static final class Writer extends MLWriter {
        private final NnClassificationModel instance;

        Writer(NnClassificationModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            try {
                java.nio.file.Path local = Files.createTempFile("nn-spark-", ".nnfs");
                try {
                    ModelFile.save(instance.model, local);
                    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                    FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the model file under " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** The metadata and params, then the model file onto the driver's backend. */
    private static final class Reader extends MLReader<NnClassificationModel> {
        @Override
        public NnClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    NnClassificationModel.class.getName());
            try {
                java.nio.file.Path local = Files.createTempFile("nn-spark-", ".nnfs");
                try {
                    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                    FileSystem fs = source.getFileSystem(sc().hadoopConfiguration());
                    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
                    Sequential model = ModelFile.load(local, Backends.get(savedBackend(metadata), 1));
                    NnClassificationModel loaded = new NnClassificationModel(metadata.uid(), model, List.of());
                    metadata.getAndSetParams(loaded, Option.empty());
                    return loaded;
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the model file of " + path + ": " + e.getMessage(), e);
            }
        }

        private static String savedBackend(DefaultParamsReader.Metadata metadata) {
            org.json4s.JValue value = metadata.getParamValue("backend");
            return value instanceof org.json4s.JString s ? s.s() : "";
        }
    }
}
