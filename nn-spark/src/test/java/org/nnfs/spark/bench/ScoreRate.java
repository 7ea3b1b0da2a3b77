package org.nnfs.spark.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnfs.spark.NnClassificationModel;
import org.nnfs.spark.NnClassifier;

/**
 * Scoring throughput: {@code NnClassificationModel.transform} over a DataFrame of random 784-pixel rows,
 * against the same pass over the rows without a model (Spark's own cost per row).
 *
 * <pre>
 * java $(cat target/java-options) -cp ... org.nnfs.spark.bench.ScoreRate local[2] 2000000 2 vector
 * </pre>
 * Arguments: master, rows, partitions, backend. Prints the median of three runs of each.
 */
public final class ScoreRate {
    private static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType)
            .add("features", SQLDataTypes.VectorType());

    private ScoreRate() {
    }

    public static void main(String[] args) {
        String master = args[0];
        long rows = Long.parseLong(args[1]);
        int partitions = Integer.parseInt(args[2]);
        String backend = args[3];
        SparkSession spark = SparkSession.builder().master(master).appName("score-rate")
                .config("spark.ui.enabled", "false").getOrCreate();
        // 1,000 distinct random images, repeated: rows cost Spark what real ones do, without a generator's cost
        // or the memory of caching millions of 784-value vectors (6 KB each).
        SplittableRandom r = new SplittableRandom(17);
        Row[] distinct = new Row[1000];
        for (int i = 0; i < distinct.length; i++) {
            double[] pixels = new double[784];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = r.nextDouble();
            }
            distinct[i] = RowFactory.create((double) r.nextInt(10), Vectors.dense(pixels));
        }
        Broadcast<Row[]> images = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(distinct);
        MapPartitionsFunction<Long, Row> repeat = ids -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                return images.value()[(int) (ids.next() % 1000)];
            }
        };
        Dataset<Row> data = spark.range(0, rows, 1, partitions).mapPartitions(repeat, Encoders.row(SCHEMA));
        // A model with the MNIST network's shape; one short epoch, so that its weights are trained ones.
        NnClassificationModel model = new NnClassifier().setHiddenLayers(100, 200).setBackend(backend)
                .setEpochs(1).setBatchSize(4096).fit(data.limit(8192));
        MapPartitionsFunction<Row, Row> copy = in -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Row next() {
                Row row = in.next();
                return RowFactory.create(row.get(0), row.get(1), Vectors.dense(new double[10]), 0.0);
            }
        };
        StructType passSchema = SCHEMA.add("probability", SQLDataTypes.VectorType()).add("prediction", DataTypes.DoubleType);
        double baseline = median(() -> data.mapPartitions(copy, Encoders.row(passSchema)).count());
        double scored = median(() -> model.transform(data).select("features", "probability", "prediction").count());
        System.out.printf(Locale.ROOT, "%,d rows in %d partitions on %s%n", rows, partitions, master);
        System.out.printf(Locale.ROOT, "pass-through without a model: %.2f s, %,.0f rows/s%n", baseline, rows / baseline);
        System.out.printf(Locale.ROOT, "transform (%s): %.2f s, %,.0f rows/s%n", backend.isEmpty() ? "default backend"
                : backend, scored, rows / scored);
        spark.stop();
    }

    private static double median(java.util.function.LongSupplier job) {
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            job.getAsLong();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[1];
    }
}
