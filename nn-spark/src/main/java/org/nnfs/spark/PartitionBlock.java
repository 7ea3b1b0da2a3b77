package org.nnfs.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The examples of one partition, stacked row-major: what every training task of that partition reads.
 * Spark keeps one block per partition in memory (spilling to disk if it must), so a step never goes
 * back to the source data. Features are float32, as in {@code org.nnfs.data.Dataset}.
 */
final class PartitionBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int rows;
    final int inputs;
    final int outputs;
    /** {@code rows × inputs}. */
    final float[] features;
    /** Class indices for classification, else {@code null}. */
    final int[] labels;
    /** {@code rows × outputs} targets for regression, else {@code null}. */
    final float[] targets;

    private PartitionBlock(int rows, int inputs, int outputs, float[] features, int[] labels, float[] targets) {
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * Stacks rows of (features vector, label) into a block; a label must be a class index in {@code [0, classes)}.
     *
     * @param partition for messages
     * @throws IllegalArgumentException naming the partition, the row and what is wrong with it
     */
    static PartitionBlock classification(Iterator<Row> rows, int classes, int partition, String featuresCol,
                                         String labelCol) {
        Stacker stack = new Stacker(partition, featuresCol);
        int[] labels = new int[64];
        while (rows.hasNext()) {
            Row row = rows.next();
            int r = stack.add(row.get(0));
            Object value = row.get(1);
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("row " + r + " of partition " + partition + ": label column '"
                        + labelCol + "' is " + (value == null ? "null" : "not a number (" + value + ")"));
            }
            double label = number.doubleValue();
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw new IllegalArgumentException("row " + r + " of partition " + partition + ": label " + label
                        + " in column '" + labelCol + "' is not a class index in [0, " + classes + ")");
            }
            if (r == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            labels[r] = (int) label;
        }
        return new PartitionBlock(stack.rows, stack.width, classes, stack.features(),
                Arrays.copyOf(labels, stack.rows), null);
    }

    /**
     * Stacks rows of (features vector, target) into a block; the target is a number or a vector, of the
     * same width in every row.
     */
    static PartitionBlock regression(Iterator<Row> rows, int partition, String featuresCol, String targetCol) {
        Stacker stack = new Stacker(partition, featuresCol);
        Stacker targets = new Stacker(partition, targetCol);
        while (rows.hasNext()) {
            Row row = rows.next();
            stack.add(row.get(0));
            Object value = row.get(1);
            targets.add(value instanceof Number n ? new DenseVector(new double[] {n.doubleValue()}) : value);
        }
        return new PartitionBlock(stack.rows, stack.width, targets.width, stack.features(), null, targets.features());
    }

    /** Grows a row-major float array from vectors of one width, checking each. */
    private static final class Stacker {
        private final int partition;
        private final String column;
        private float[] values = new float[1024];
        private int width = -1;
        private int rows;

        Stacker(int partition, String column) {
            this.partition = partition;
            this.column = column;
        }

        /** Appends a vector; returns its row number. */
        int add(Object value) {
            if (!(value instanceof Vector v)) {
                throw new IllegalArgumentException("row " + rows + " of partition " + partition + ": column '" + column
                        + "' is " + (value == null ? "null" : "not a vector (" + value.getClass().getSimpleName() + ")"));
            }
            if (width < 0) {
                width = v.size();
            } else if (v.size() != width) {
                throw new IllegalArgumentException("row " + rows + " of partition " + partition + ": column '" + column
                        + "' has " + v.size() + " values, earlier rows have " + width);
            }
            long need = (long) (rows + 1) * width;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("partition " + partition + " holds more than " + (Integer.MAX_VALUE - 8)
                        + " values of column '" + column + "'; use more partitions");
            }
            if (need > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * values.length)));
            }
            double[] d = v instanceof DenseVector dense ? dense.values() : v.toArray(); // sparse: densified
            int base = rows * width;
            for (int i = 0; i < width; i++) {
                values[base + i] = (float) d[i];
            }
            return rows++;
        }

        float[] features() {
            return Arrays.copyOf(values, rows * Math.max(width, 0));
        }
    }
}
