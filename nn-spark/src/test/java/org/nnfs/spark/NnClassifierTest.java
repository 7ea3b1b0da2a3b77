package org.nnfs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Momentum;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.FitOptions;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;

/** The Spark ML face: params, a Pipeline with VectorAssembler and StandardScaler, saving and loading. */
class NnClassifierTest {

    /** Columns x0..x3 on very different scales; the class is the largest of x0, x1, x2 after scaling. */
    private static Dataset<Row> columns(int rows) {
        StructType schema = new StructType();
        String[] names = {"x0", "x1", "x2", "x3"};
        double[] scales = {1, 100, 0.01, 10};
        for (String n : names) {
            schema = schema.add(n, DataTypes.DoubleType);
        }
        schema = schema.add("label", DataTypes.DoubleType);
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object[] v = new Object[names.length + 1];
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < names.length; c++) {
                double x = Math.sin(1.7 * r + 2.3 * c * c + 0.3 * r * c);
                v[c] = x * scales[c];
                if (c < 3 && x > bestValue) {
                    best = c;
                    bestValue = x;
                }
            }
            v[names.length] = (double) best;
            out.add(RowFactory.create(v));
        }
        return SharedSpark.session().createDataFrame(SharedSpark.context().parallelize(out, 2), schema);
    }

    @Test
    void pipelineLearnsScoresAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Dataset<Row> data = columns(400);
        NnClassifier mlp = new NnClassifier().setHiddenLayers(16).setActivation("tanh").setOptimizer("adam")
                .setLearningRate(0.05).setBatchSize(100).setEpochs(3).setSeed(3).setBackend("vector");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2", "x3"}).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
            mlp});
        PipelineModel fitted = pipeline.fit(data);
        Dataset<Row> scored = fitted.transform(data).cache();

        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        assertTrue(accuracy > 0.8, "accuracy on a linearly separable problem after 12 steps: " + accuracy);
        List<Row> rows = scored.select("probability", "prediction", "rawPrediction").collectAsList();
        assertEquals(400, rows.size());
        for (Row row : rows) {
            double[] p = ((Vector) row.get(0)).toArray();
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
            assertEquals(((Vector) row.get(0)).argmax(), row.getDouble(1));
            assertArrayEquals(p, ((Vector) row.get(2)).toArray());
        }
        NnClassificationModel model = (NnClassificationModel) fitted.stages()[2];
        assertEquals(3, model.history().size());
        assertEquals(3, model.numClasses());
        assertEquals(4, model.numFeatures());
        assertEquals(model.predict(((Vector) scored.select("features").first().get(0))),
                rows.get(0).getDouble(1), "the driver's single-row prediction agrees with transform");

        String saved = dir.resolve("pipeline").toString();
        fitted.write().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        List<Row> again = loaded.transform(data).select("probability", "prediction").collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(((Vector) rows.get(i).get(0)).toArray(), ((Vector) again.get(i).get(0)).toArray(), 0);
            assertEquals(rows.get(i).getDouble(1), again.get(i).getDouble(1));
        }
        scored.unpersist();
    }

    @Test
    void savedModelIsTheLibrarysModelFile(@TempDir Path dir) throws Exception {
        NnClassifier mlp = new NnClassifier().setHiddenLayers(5).setEpochs(1).setBatchSize(64).setBackend("vector");
        NnClassificationModel model = mlp.fit(new Examples(64, 6, 3).frame(1));
        model.write().save(dir.resolve("m").toString());
        Sequential file = ModelFile.load(dir.resolve("m").resolve(NnClassificationModel.MODEL_FILE),
                Backends.get("vector", 1));
        SingleMachineEquivalenceTest.assertSameWeights(model.model(), file, 0, 0);
        NnClassificationModel loaded = NnClassificationModel.load(dir.resolve("m").toString());
        assertEquals("vector", loaded.getBackend());
        assertEquals(model.uid(), loaded.uid());
    }

    @Test
    void estimatorParamsRoundTrip(@TempDir Path dir) throws Exception {
        NnClassifier mlp = new NnClassifier().setHiddenLayers(30, 20, 10).setActivation("sigmoid").setDropout(0.2)
                .setInitializer("normal(0.05)").setOptimizer("momentum(momentum=0.8)").setLearningRate(0.2)
                .setBatchSize(128).setEpochs(7).setSeed(99).setBackend("ojalgo").setDtype("float64").setStepsPerSync(4);
        String path = dir.resolve("estimator").toString();
        mlp.write().save(path);
        NnClassifier loaded = NnClassifier.load(path);
        assertEquals(mlp.uid(), loaded.uid());
        assertArrayEquals(new int[] {30, 20, 10}, loaded.getHiddenLayers());
        assertEquals("sigmoid", loaded.getActivation());
        assertEquals(0.2, loaded.getDropout());
        assertEquals("normal(0.05)", loaded.getInitializer());
        assertEquals("momentum(momentum=0.8)", loaded.getOptimizer());
        assertEquals(0.2, loaded.getLearningRate());
        assertEquals(128, loaded.getBatchSize());
        assertEquals(7, loaded.getEpochs());
        assertEquals(99, loaded.getSeed());
        assertEquals("ojalgo", loaded.getBackend());
        assertEquals("float64", loaded.getDtype());
        assertEquals(4, loaded.getStepsPerSync());
    }

    /** The estimator's params reach the training: it takes the single-machine trainer's steps. */
    @Test
    void trainsWhatTheSingleMachineTrainerTrains() {
        Examples examples = new Examples(150, 6, 3);
        NnClassifier mlp = new NnClassifier().setHiddenLayers(8).setActivation("tanh").setOptimizer("momentum")
                .setLearningRate(0.1).setBatchSize(64).setEpochs(1).setDtype("float64").setSeed(4)
                .setInitializer("normal(0.5)").setBackend("vector");
        NnClassificationModel model = mlp.fit(examples.frame(2));

        Sequential local = mlp.network(6, 3);
        Trainer.builder(local).optimizer(new Momentum(0.1, 0.9, false, 0)).seed(4).build()
                .fit(examples.local(local.backend(), DType.FLOAT64), FitOptions.builder().epochs(1).batchSize(64).partialBatch(PartialBatch.KEEP).build());
        SingleMachineEquivalenceTest.assertSameWeights(local, model.model(), 1e-6, 1e-3);
    }
}
