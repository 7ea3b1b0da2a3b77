package org.nnfs.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.eval.Evaluation;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

/** Every example runs on every backend and gets the result it claims, so none can rot. */
class ExamplesTest {
    @TempDir
    Path dir;

    static List<String> backends() {
        return List.of("nd4j", "ojalgo", "vector");
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return text;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void twoMoons(String name) {
        Evaluation test = TwoMoons.run(Backends.get(name), out);
        String text = printed();
        assertTrue(test.isBinary() && test.accuracy() > 0.9 && test.rocAuc() > 0.97, text);
        assertTrue(text.contains("ROC AUC") && text.contains("P(lower moon)"), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void noisySine(String name) {
        Evaluation test = NoisySine.run(Backends.get(name), out);
        String text = printed();
        assertTrue(test.isRegression() && test.r2() > 0.95 && test.rmse() < 0.15, text);
        assertTrue(text.contains("R²") && text.contains("sin(x) = +1.000"), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void gaussianBlobs(String name) throws Exception {
        Backend backend = Backends.get(name);
        Path file = dir.resolve("blobs.nnfs");
        GaussianBlobs.Result result = GaussianBlobs.run(backend, file, out);
        String text = printed();
        assertTrue(result.test().accuracy() > 0.85, text);
        assertTrue(result.history().epochs().size() < 200 && result.history().stopReason().contains("early stopping"),
                text);
        assertTrue(result.loadedAgrees() && result.threadsAgree(), text);
        assertTrue(Files.size(file) > 0);
    }
}
