package org.nnfs.spark.mnist;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistLocator;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.spark.NnClassificationModel;
import org.nnfs.spark.NnClassifier;
import org.nnfs.train.EpochSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/mnist-on-spark}: trains the MNIST network through Spark with {@link NnClassifier} and prints
 * the test accuracy as its last line; optionally trains Spark MLlib's own
 * {@code MultilayerPerceptronClassifier} on the same cached data first, for comparison. The defaults are
 * the original program's: 784-100-200-10, ReLU, softmax, SGD 0.1, batches of 512, 20 epochs, N(0, 0.1²).
 */
@Command(name = "mnist-on-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains a multilayer perceptron on MNIST through Apache Spark and prints its test accuracy.",
        footer = {"", "MNIST is read from --data DIR, else $MNIST_DIR, else ~/.cache/nnfs/mnist (downloaded on first "
                + "use). The last line is 'test accuracy 0.XXXX'."})
public final class MnistOnSpark implements Callable<Integer> {
    private static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType)
            .add("features", SQLDataTypes.VectorType());

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}); e.g. local[2], spark://host:7077.")
    String master;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the MNIST files.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "512",
            description = "Examples per step; each step is one Spark job (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--hidden", paramLabel = "N,N", split = ",", defaultValue = "100,200",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation, by registered name (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "Optimizer by registered name, e.g. sgd, adam, momentum(momentum=0.9) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: the optimizer's registered one; sgd's is 0.1).")
    Double lr;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "normal(0.1)",
            description = "Weight initializer (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "",
            description = "The executors' backend: vector, nd4j or ojalgo (default: each executor's default).")
    String backend;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the training data (default: Spark's default parallelism).")
    int partitions;

    @Option(names = "--steps-per-sync", paramLabel = "K", defaultValue = "1",
            description = "Optimizer steps between synchronisations; above 1, partitions average their weights "
                    + "every K local steps (default: ${DEFAULT-VALUE}: exact synchronous steps).")
    int stepsPerSync;

    @Option(names = "--mllib-iterations", paramLabel = "N", defaultValue = "0",
            description = "Also train Spark MLlib's MultilayerPerceptronClassifier (l-bfgs, N iterations, same layers) "
                    + "on the same data first, and compare (default: 0, don't).")
    int mllibIterations;

    private final PrintWriter out;
    private final PrintWriter err;

    MnistOnSpark(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; exits with 0 on success, 1 on failure, 2 on a usage error. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        CommandLine cmd = new CommandLine(new MnistOnSpark(out, err)).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof IOException || e instanceof IllegalArgumentException) {
                        err.println("mnist-on-spark: " + e.getMessage()); // a user's mistake: no stack trace
                        return 1;
                    }
                    throw e;
                });
        System.exit(cmd.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        NnClassifier mlp = new NnClassifier().setHiddenLayers(hidden).setActivation(activation)
                .setOptimizer(optimizer).setInitializer(init).setSeed(seed)
                .setBatchSize(batchSize).setEpochs(epochs).setBackend(backend).setStepsPerSync(stepsPerSync)
                .setEpochListener(this::epoch);
        if (lr != null) {
            mlp.setLearningRate(lr);
        }
        Path dir = MnistLocator.standard(line -> err.println(line)).locate(data, MnistSplit.TRAIN, MnistSplit.TEST);
        MnistDataset trainSet = MnistLoader.load(dir, MnistSplit.TRAIN);
        MnistDataset testSet = MnistLoader.load(dir, MnistSplit.TEST);

        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder().master(master).appName("mnist-on-spark")
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        try {
            int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
            out.printf(Locale.ROOT, "Spark %s, master %s, %d partitions; session %.1f s%n", spark.version(), master,
                    parts, seconds(start));
            long loading = System.nanoTime();
            Dataset<Row> train = frame(spark, trainSet, parts).cache();
            Dataset<Row> test = frame(spark, testSet, parts).cache();
            out.printf(Locale.ROOT, "MNIST from %s: %d training and %d test images, cached in %.1f s%n", dir,
                    train.count(), test.count(), seconds(loading));
            MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");

            List<String> comparison = new ArrayList<>();
            if (mllibIterations > 0) {
                int[] layers = new int[hidden.length + 2];
                layers[0] = trainSet.pixelsPerImage();
                System.arraycopy(hidden, 0, layers, 1, hidden.length);
                layers[layers.length - 1] = MnistDataset.CLASSES;
                MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(layers)
                        .setSeed(seed).setBlockSize(128).setMaxIter(mllibIterations);
                long fitting = System.nanoTime();
                var model = mllib.fit(train);
                double fitSeconds = seconds(fitting);
                double acc = accuracy.evaluate(model.transform(test));
                comparison.add(String.format(Locale.ROOT, "MLlib MultilayerPerceptronClassifier (sigmoid, l-bfgs, %d "
                        + "iterations): fit %.1f s, test accuracy %.4f", mllibIterations, fitSeconds, acc));
                out.println(comparison.get(0));
            }

            long fitting = System.nanoTime();
            NnClassificationModel model = mlp.fit(train);
            double fitSeconds = seconds(fitting);
            long scoring = System.nanoTime();
            double acc = accuracy.evaluate(model.transform(test));
            double scoreSeconds = seconds(scoring);
            comparison.add(String.format(Locale.ROOT, "nn-spark NnClassifier (%s, %s, batch %d, %d epochs%s): fit "
                    + "%.1f s, test accuracy %.4f (scored in %.1f s)", activation, optimizer + (lr != null ? " lr " + lr : ""),
                    batchSize, epochs, stepsPerSync > 1 ? ", " + stepsPerSync + " steps per sync" : "", fitSeconds,
                    acc, scoreSeconds));
            if (comparison.size() > 1) {
                out.println();
                comparison.forEach(out::println);
            } else {
                out.println(comparison.get(0));
            }
            out.printf(Locale.ROOT, "test accuracy %.4f%n", acc);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private void epoch(EpochSummary e) {
        out.printf(Locale.ROOT, "epoch %2d/%d: loss %.4f, train accuracy %.4f, %.1f s%n", e.epoch(), epochs,
                e.trainLoss(), e.trainAccuracy(), e.seconds());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The images as rows of (label, pixels / 255), built on the executors from one broadcast copy of the bytes. */
    static Dataset<Row> frame(SparkSession spark, MnistDataset set, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> pixels = sc.broadcast(set.pixels());
        Broadcast<byte[]> labels = sc.broadcast(set.labels());
        int n = set.pixelsPerImage();
        MapPartitionsFunction<Long, Row> rows = indices -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public Row next() {
                int i = Math.toIntExact(indices.next());
                byte[] bytes = pixels.value();
                double[] image = new double[n];
                for (int k = 0; k < n; k++) {
                    image[k] = (bytes[i * n + k] & 0xff) / 255.0;
                }
                return RowFactory.create((double) labels.value()[i], Vectors.dense(image));
            }
        };
        return spark.range(0, set.count(), 1, partitions).mapPartitions(rows, Encoders.row(SCHEMA));
    }
}
