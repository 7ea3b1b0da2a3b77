package org.nnfs.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * A small deterministic classification problem, as a Spark DataFrame and as the single-machine
 * {@link org.nnfs.data.Dataset} with the same rows in the same order.
 */
final class Examples {
    static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType);

    final int rows;
    final int inputs;
    final int classes;
    final float[] features;
    final int[] labels;

    /** {@code rows} examples of {@code inputs} features in {@code classes} classes (by the sign pattern of a projection). */
    Examples(int rows, int inputs, int classes) {
        this.rows = rows;
        this.inputs = inputs;
        this.classes = classes;
        features = new float[rows * inputs];
        labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < inputs; c++) {
                float v = (float) Math.sin(0.7 * r + 1.3 * c + 0.1 * r * c);
                features[r * inputs + c] = v;
                s += v * (c % 2 == 0 ? 1 : -0.5) * (c + 1);
            }
            labels[r] = Math.floorMod((int) Math.floor(s * 2), classes);
        }
    }

    /** The rows as Spark rows, in order. */
    List<Row> sparkRows() {
        List<Row> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double[] v = new double[inputs];
            for (int c = 0; c < inputs; c++) {
                v[c] = features[r * inputs + c];
            }
            out.add(RowFactory.create(Vectors.dense(v), (double) labels[r]));
        }
        return out;
    }

    /** The same examples on one machine. */
    org.nnfs.data.Dataset local(Backend backend, DType dtype) {
        return org.nnfs.data.Dataset.classification(backend, dtype, features, rows, inputs, labels, classes);
    }

    /** The rows in {@code partitions} contiguous slices, in order: row i is example i of the distributed numbering. */
    Dataset<Row> frame(int partitions) {
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(sparkRows(), partitions), SCHEMA);
    }
}
