package org.nnfs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.BackendException;
import org.nnfs.tensor.Backends;

/** Bad input gets an error that names the column, the partition and the row, not a stage's stack dump. */
class DataErrorsTest {

    private static Dataset<Row> frame(List<Row> rows) {
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(rows, 2), Examples.SCHEMA);
    }

    @Test
    void labelOutsideTheClassesNamesItsRow() {
        Dataset<Row> data = frame(List.of(
                RowFactory.create(Vectors.dense(1, 2), 0.0),
                RowFactory.create(Vectors.dense(3, 4), 1.0),
                RowFactory.create(Vectors.dense(5, 6), 2.0),
                RowFactory.create(Vectors.dense(7, 8), 3.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedDataset.classification(data, "features", "label", 3));
        assertEquals("row 1 of partition 1: label 3.0 in column 'label' is not a class index in [0, 3)", e.getMessage());
    }

    @Test
    void vectorsOfAnotherWidthAreNamed() {
        Dataset<Row> data = frame(List.of(
                RowFactory.create(Vectors.dense(1, 2), 0.0),
                RowFactory.create(Vectors.dense(3, 4, 5), 1.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedDataset.classification(data.coalesce(1), "features", "label", 2));
        assertEquals("row 1 of partition 0: column 'features' has 3 values, earlier rows have 2", e.getMessage());
    }

    @Test
    void columnsAreCheckedBeforeAnyJob() {
        Dataset<Row> data = frame(List.of(RowFactory.create(Vectors.dense(1, 2), 0.0)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DistributedDataset.classification(data, "pixels", "label", 2));
        assertEquals("no column 'pixels' (expected a vector column (e.g. from VectorAssembler)); the columns are "
                + "[features, label]", missing.getMessage());
        Dataset<Row> text = SharedSpark.session().createDataFrame(List.of(RowFactory.create("a", 1.0)),
                new StructType().add("features", DataTypes.StringType).add("label", DataTypes.DoubleType));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> DistributedDataset.classification(text, "features", "label", 2));
        assertEquals("column 'features' is string; expected a vector column (e.g. from VectorAssembler)",
                wrongType.getMessage());
    }

    @Test
    void modelAndDataMustFit() {
        Examples examples = new Examples(20, 6, 3);
        Sequential model = Sequential.builder(5).dense(3).softmax().build(Backends.get("vector", 1));
        try (DistributedDataset data = DistributedDataset.classification(examples.frame(1), "features", "label", 3)) {
            DistributedTrainer trainer = DistributedTrainer.builder(model).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data, 1, 10));
            assertEquals("the data has 6 features and 3 targets per example, the model takes 5 inputs and gives 3 "
                    + "outputs", e.getMessage());
        }
    }

    @Test
    void anUnknownBackendIsReportedAsSuchNotAsAStageFailure() {
        Examples examples = new Examples(20, 6, 3);
        try (DistributedDataset data = DistributedDataset.classification(examples.frame(1), "features", "label", 3)) {
            DistributedTrainer trainer = DistributedTrainer.builder(SingleMachineEquivalenceTest.model())
                    .backend("no-such-backend").build();
            BackendException e = assertThrows(BackendException.class, () -> trainer.fit(data, 1, 10));
            assertTrue(e.getMessage().startsWith("Unknown backend 'no-such-backend'"), e.getMessage());
        }
    }

    @Test
    void unknownNamesListTheRegisteredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NnClassifier().setActivation("swish9"));
        assertTrue(e.getMessage().startsWith("Unknown activation. Expected one of {"), e.getMessage());
        assertTrue(e.getMessage().contains(" relu, ") && e.getMessage().contains("tanh")
                && e.getMessage().endsWith("Received: 'swish9'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NnClassifier().setOptimizer("adamw9"));
        assertThrows(IllegalArgumentException.class, () -> new NnClassifier().setDtype("int8"));
    }
}
