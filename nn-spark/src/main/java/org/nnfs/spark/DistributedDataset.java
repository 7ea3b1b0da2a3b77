package org.nnfs.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Training examples spread over a Spark cluster: each partition of a {@code DataFrame} stacked once into
 * a block of float32 features and targets, kept in executor memory (spilling to disk if it must) for
 * the whole training. Examples are numbered in partition order, which is how {@link DistributedTrainer}
 * maps the single-machine trainer's batches onto partitions.
 *
 * <pre>{@code
 * DistributedDataset train = DistributedDataset.classification(df, "features", "label", 10);
 * ...
 * train.close();   // frees the executors' copies
 * }</pre>
 *
 * <p>The input must give the same rows in the same partitions each time it is computed (Spark
 * recomputes a lost block from it); training stops with an error naming the partition if it does not.
 * A sorted, read-from-files or cached {@code DataFrame} is safe. Use about as many partitions as the
 * cluster runs tasks at once: every training step runs one task per partition.
 */
public final class DistributedDataset implements AutoCloseable {
    private final JavaRDD<PartitionBlock> blocks;
    private final int[] offsets;
    private final int[] sizes;
    private final int size;
    private final int inputSize;
    private final int outputSize;
    private final int classes;

    private DistributedDataset(JavaRDD<PartitionBlock> blocks, int classes) {
        this.blocks = blocks;
        this.classes = classes;
        List<int[]> shapes;
        try {
            shapes = SparkErrors.unwrap(() -> blocks.map(b -> new int[] {b.rows, b.inputs, b.outputs}).collect());
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
        sizes = new int[shapes.size()];
        offsets = new int[shapes.size()];
        long total = 0;
        int inputs = -1;
        int outputs = -1;
        for (int p = 0; p < shapes.size(); p++) {
            int[] shape = shapes.get(p);
            offsets[p] = (int) Math.min(total, Integer.MAX_VALUE);
            sizes[p] = shape[0];
            total += shape[0];
            if (shape[0] == 0) {
                continue;
            }
            if (inputs >= 0 && (shape[1] != inputs || shape[2] != outputs)) {
                blocks.unpersist(false);
                throw new IllegalArgumentException("partition " + p + " has rows of " + shape[1] + " features and "
                        + shape[2] + " targets, earlier partitions " + inputs + " and " + outputs);
            }
            inputs = shape[1];
            outputs = shape[2];
        }
        if (total == 0 || total > Integer.MAX_VALUE - 8) {
            blocks.unpersist(false);
            throw new IllegalArgumentException(total == 0 ? "the training data has no rows"
                    : "the training data has " + total + " rows; training takes at most " + (Integer.MAX_VALUE - 8));
        }
        this.size = (int) total;
        this.inputSize = inputs;
        this.outputSize = outputs;
    }

    /**
     * Classification examples: a vector column of features and a numeric column of class indices
     * {@code 0 .. classes-1} (Spark ML's {@code features} and {@code label}). Reads {@code data} once.
     *
     * @throws IllegalArgumentException naming a missing or mistyped column, or the partition and row of a bad value
     */
    public static DistributedDataset classification(Dataset<Row> data, String featuresCol, String labelCol,
                                                    int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        }
        requireVector(data, featuresCol);
        requireColumn(data, labelCol, "a numeric column of class indices", t -> t instanceof NumericType);
        Function2<Integer, Iterator<Row>, Iterator<PartitionBlock>> stack = (p, rows) -> List.of(
                PartitionBlock.classification(rows, classes, p, featuresCol, labelCol)).iterator();
        return new DistributedDataset(stacked(data, featuresCol, labelCol, stack), classes);
    }

    /**
     * Regression examples: a vector column of features and a target column, numeric (one output) or a
     * vector (one output per element). Reads {@code data} once.
     *
     * @throws IllegalArgumentException naming a missing or mistyped column, or the partition and row of a bad value
     */
    public static DistributedDataset regression(Dataset<Row> data, String featuresCol, String targetCol) {
        requireVector(data, featuresCol);
        requireColumn(data, targetCol, "a numeric or vector column",
                t -> t instanceof NumericType || t.equals(SQLDataTypes.VectorType()));
        Function2<Integer, Iterator<Row>, Iterator<PartitionBlock>> stack = (p, rows) -> List.of(
                PartitionBlock.regression(rows, p, featuresCol, targetCol)).iterator();
        return new DistributedDataset(stacked(data, featuresCol, targetCol, stack), 0);
    }

    private static JavaRDD<PartitionBlock> stacked(Dataset<Row> data, String featuresCol, String targetCol,
                                                   Function2<Integer, Iterator<Row>, Iterator<PartitionBlock>> stack) {
        return data.select(featuresCol, targetCol).javaRDD().mapPartitionsWithIndex(stack, true)
                .setName("nn-spark examples (" + featuresCol + ", " + targetCol + ")")
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static void requireVector(Dataset<Row> data, String column) {
        requireColumn(data, column, "a vector column (e.g. from VectorAssembler)",
                t -> t.equals(SQLDataTypes.VectorType()));
    }

    private static void requireColumn(Dataset<Row> data, String column, String what,
                                      java.util.function.Predicate<DataType> fits) {
        StructField[] fields = data.schema().fields();
        for (StructField f : fields) {
            if (f.name().equals(column)) {
                if (!fits.test(f.dataType())) {
                    throw new IllegalArgumentException("column '" + column + "' is " + f.dataType().simpleString()
                            + "; expected " + what);
                }
                return;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' (expected " + what + "); the columns are "
                + Arrays.toString(data.columns()));
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** Features per example. */
    public int inputSize() {
        return inputSize;
    }

    /** Target values per example: the number of classes for classification. */
    public int outputSize() {
        return outputSize;
    }

    /** Number of classes, 0 for regression. */
    public int classes() {
        return classes;
    }

    /** Number of partitions: the tasks of every training step. */
    public int partitions() {
        return sizes.length;
    }

    /** Examples in each partition, in partition order. */
    public int[] partitionSizes() {
        return sizes.clone();
    }

    /** Frees the executors' copies of the examples. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }

    JavaRDD<PartitionBlock> blocks() {
        return blocks;
    }

    int[] offsets() {
        return offsets;
    }

    int[] sizes() {
        return sizes;
    }

    @Override
    public String toString() {
        return "DistributedDataset of " + size + " examples in " + sizes.length + " partitions, " + inputSize
                + " inputs, " + (classes > 0 ? classes + " classes" : outputSize + " targets");
    }
}
