package org.nnfs.mnist.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.interop.ModelFormat;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/**
 * The ONNX files PyTorch wrote (nn-interop's test resources, with their README) classify the whole MNIST
 * test set as accurately as PyTorch reported when it wrote them.
 */
class PyTorchFixturesAccuracyTest {

    @ParameterizedTest(name = "{0}: {1} of 10,000")
    @CsvSource({"mlp_gemm_relu, 9463", "mlp_matmul_tanh, 9342", "image_bn_sigmoid, 9019", "image_leaky_relu, 9200"})
    @DisplayName("imported, it is as accurate on the test set as in PyTorch")
    void accuracyOfPyTorch(String fixture, int correct, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(fixture + ".onnx");
        try (InputStream in = PyTorchFixturesAccuracyTest.class.getResourceAsStream(
                "/org/nnfs/interop/onnx/pytorch/" + fixture + ".onnx")) {
            assertTrue(in != null, "fixture " + fixture + " is in nn-interop's test-jar");
            Files.copy(in, file);
        }
        Backend backend = Backends.get("vector");
        Sequential model = ModelFormat.load(file, backend);
        MnistDataset test = MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, Integer.MAX_VALUE);
        Dataset data = Dataset.classification(backend, model.dtype(), test.features(), test.count(),
                test.pixelsPerImage(), test.labelsAsInts(), MnistDataset.CLASSES);
        Evaluation evaluation = Evaluator.evaluate(model, data, new CrossEntropy());
        assertEquals(10_000, evaluation.count());
        assertEquals(correct, Math.round(evaluation.accuracy() * evaluation.count()), fixture);
    }
}
