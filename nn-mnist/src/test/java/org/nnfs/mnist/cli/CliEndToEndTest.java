package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.image.DigitImages;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Backends;
import org.nnfs.train.Trainer;

/**
 * Trains on a subset of the real MNIST through the command line, then evaluates, predicts and resumes
 * with the files it wrote, checking what a user would see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {
    static final String LIMIT = "3000";
    static final Pattern FINAL = Pattern.compile("final test accuracy (\\d+\\.\\d\\d)% after (\\d+) epochs");

    @TempDir
    static Path dir;

    Path data;
    Path model;
    Path report;
    Cli.Result training;

    @BeforeAll
    void train() {
        data = TestData.mnistDir();
        model = dir.resolve("models/mnist.model");
        report = dir.resolve("report");
        training = Cli.run("train", "--data", data.toString(), "--limit", LIMIT, "--epochs", "4", "--batch-size", "64",
                "--seed", "7", "--out", model.toString(), "--report", report.toString());
        assertEquals(0, training.code(), training.toString());
    }

    @Test
    void trainingPrintsOneLinePerEpochAndTheFinalAccuracy() {
        String out = training.out();
        assertTrue(out.contains("train set: 3,000 images from " + data), out);
        assertTrue(out.contains("test set: 3,000 images from " + data), out);
        assertTrue(out.contains("Dense(100)") && out.contains("Dense(200)") && out.contains("total parameters: 100,710"), out);
        assertTrue(out.contains("optimizer SGD(lr=0.1), batch size 64, 4 epochs"), out);
        for (int e = 1; e <= 4; e++) {
            assertTrue(Pattern.compile("(?m)^epoch " + e + "/4  train loss \\d\\.\\d{4}  train acc \\d+\\.\\d\\d% \\(during epoch\\)  "
                    + "test acc \\d+\\.\\d\\d%  \\d+\\.\\d s$").matcher(out).find(), "epoch " + e + "\n" + out);
        }
        assertTrue(finalAccuracy(out) > 80, out);
        assertTrue(out.contains("model saved to " + model), out);
        assertFalse(out.contains("\r"), "not a terminal: no carriage returns\n" + out);
        assertEquals("", training.err());
    }

    @Test
    void theReportHasValidPicturesAndTables() throws IOException {
        for (String png : new String[] {"loss.png", "accuracy.png", "confusion.png", "misclassified.png"}) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertTrue(image != null && image.getWidth() > 300 && image.getHeight() > 300, png);
        }
        JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals(4, json.get("epochs").size());
        assertEquals(3000, json.get("test").get("examples").asInt());
        assertEquals(finalAccuracy(training.out()), 100 * json.get("test").get("accuracy").asDouble(), 0.005);
        assertEquals(7, json.get("settings").get("seed").asInt());
        int errors = 3000 - (int) Math.round(30 * finalAccuracy(training.out()));
        int diagonal = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += json.get("test").get("confusion_matrix").get(c).get(c).asInt();
        }
        assertEquals(3000 - errors, diagonal);
        assertEquals(5, Files.readAllLines(report.resolve("history.csv")).size());
        assertEquals(12, Files.readAllLines(report.resolve("classes.csv")).size());
        assertEquals(11, Files.readAllLines(report.resolve("confusion.csv")).size());
    }

    @Test
    void evaluateReproducesTheFinalAccuracy() throws IOException {
        Path rep = dir.resolve("eval-report");
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--limit", LIMIT,
                "--report", rep.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted)"), r.out());
        assertTrue(r.out().contains("class  precision     recall         f1  support"), r.out());
        Matcher m = Pattern.compile("test accuracy (\\d+\\.\\d\\d)% \\(([\\d,]+) of 3,000\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(finalAccuracy(training.out()), Double.parseDouble(m.group(1)), 1e-9);
        assertEquals(1, r.out().split("accuracy", -1).length - 1, "the accuracy is said once:\n" + r.out());
        assertTrue(Files.isRegularFile(rep.resolve("confusion.png")));
        assertFalse(Files.exists(rep.resolve("loss.png")), "no learning curves without training");
    }

    @Test
    void predictReadsPicturesOfRealTestDigitsPlainInvertedAndEnlarged() throws IOException {
        MnistDataset test = MnistLoader.load(data, MnistSplit.TEST, 200);
        Sequential net = ModelFile.load(model, Backends.get());
        float[] p = net.predict(test.features(), test.count());
        // Three different digits the model reads confidently from the raw data.
        List<Integer> chosen = new ArrayList<>();
        boolean[] used = new boolean[10];
        for (int i = 0; i < test.count() && chosen.size() < 3; i++) {
            int label = test.label(i);
            if (!used[label] && p[i * 10 + label] > 0.97) {
                used[label] = true;
                chosen.add(i);
            }
        }
        assertEquals(3, chosen.size());
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
        List<Integer> expected = new ArrayList<>();
        for (int i : chosen) {
            float[] pixels = test.image(i);
            Path plain = dir.resolve("digit" + i + ".png");
            DigitImages.writePng(DigitImages.grey(pixels, 28, 28), plain);
            float[] negative = new float[pixels.length];
            for (int k = 0; k < pixels.length; k++) {
                negative[k] = 1 - pixels[k];
            }
            Path inverted = dir.resolve("digit" + i + "-inverted.png");
            DigitImages.writePng(DigitImages.grey(negative, 28, 28), inverted);
            Path large = dir.resolve("digit" + i + "-large.jpg");
            ImageIO.write(enlargedOnPaper(pixels), "jpeg", large.toFile());
            args.addAll(List.of(plain.toString(), inverted.toString(), large.toString()));
            expected.addAll(List.of(test.label(i), test.label(i), test.label(i)));
        }
        Path broken = Files.writeString(dir.resolve("broken.png"), "no picture here");
        args.add(broken.toString());

        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(1, r.code(), "one picture is broken: " + r);
        assertEquals("error: " + broken + ": not a PNG or JPEG image" + System.lineSeparator(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.startsWith("backend:")).toList();
        assertEquals(9, lines.size(), r.toString());
        for (int k = 0; k < 9; k++) {
            String path = args.get(3 + k);
            Matcher m = Pattern.compile(Pattern.quote(path) + ": (\\d) \\((\\d+\\.\\d)%\\)   top 3: (\\d) [\\d.]+%, \\d [\\d.]+%, "
                    + "\\d [\\d.]+%").matcher(lines.get(k));
            assertTrue(m.find(), lines.get(k));
            assertEquals(expected.get(k).intValue(), Integer.parseInt(m.group(1)), lines.get(k));
            assertEquals(m.group(1), m.group(3));
            assertEquals(k % 3 != 0, lines.get(k).endsWith("[dark on light: inverted]"), lines.get(k));
        }
    }

    @Test
    void predictWithTopOneGivesTheAnswerOnce() throws IOException {
        MnistDataset test = MnistLoader.load(data, MnistSplit.TEST, 1);
        Path digit = dir.resolve("top-one.png");
        DigitImages.writePng(DigitImages.grey(test.image(0), 28, 28), digit);
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--top", "1", digit.toString());
        assertEquals(0, r.code(), r.toString());
        String line = r.out().lines().filter(l -> l.startsWith(digit.toString())).findFirst().orElseThrow();
        assertTrue(line.matches(Pattern.quote(digit.toString()) + ": \\d \\(\\d+\\.\\d%\\)"), line);
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes() throws IOException {
        String[] common = {"--data", data.toString(), "--limit", "1000", "--batch-size", "100"};
        Path full = dir.resolve("full.model");
        Path interrupted = dir.resolve("interrupted.model");
        Path resumed = dir.resolve("resumed.model");
        Cli.Result uninterrupted = Cli.run(concat(new String[] {"train", "--epochs", "4", "--hidden", "32", "--seed", "5",
                "--optimizer", "adam", "--out", full.toString()}, common));
        assertEquals(0, uninterrupted.code(), uninterrupted.toString());
        // The file --out leaves after epoch 2 is what an interrupted 4-epoch run leaves: it is rewritten
        // (atomically) only at the end of each epoch.
        Cli.Result firstHalf = Cli.run(concat(new String[] {"train", "--epochs", "2", "--hidden", "32", "--seed", "5",
                "--optimizer", "adam", "--out", interrupted.toString()}, common));
        assertEquals(0, firstHalf.code(), firstHalf.toString());
        assertEquals(2, Trainer.resume(ModelFile.loadCheckpoint(interrupted, Backends.get())).epochsCompleted());
        Cli.Result secondHalf = Cli.run(concat(new String[] {"train", "--epochs", "4", "--resume", interrupted.toString(),
                "--out", resumed.toString()}, common));
        assertEquals(0, secondHalf.code(), secondHalf.toString());
        assertTrue(secondHalf.out().contains("resuming " + interrupted + " after epoch 2"), secondHalf.out());
        assertTrue(secondHalf.out().contains("epoch 3/4") && secondHalf.out().contains("epoch 4/4"), secondHalf.out());
        assertFalse(secondHalf.out().contains("epoch 1/4"), secondHalf.out());

        Trainer a = Trainer.resume(ModelFile.loadCheckpoint(full, Backends.get()));
        Trainer b = Trainer.resume(ModelFile.loadCheckpoint(resumed, Backends.get()));
        assertEquals(4, b.epochsCompleted());
        List<Parameter> pa = a.model().parameters();
        List<Parameter> pb = b.model().parameters();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value().toFloatArray(), pb.get(i).value().toFloatArray(), pa.get(i).name());
        }
        assertEquals(finalAccuracy(uninterrupted.out()), finalAccuracy(secondHalf.out()));

        // Asking for no more epochs than the file holds trains nothing.
        Cli.Result nothing = Cli.run(concat(new String[] {"train", "--epochs", "4", "--resume", resumed.toString()}, common));
        assertEquals(0, nothing.code(), nothing.toString());
        assertTrue(nothing.out().contains("already holds 4 epochs (--epochs 4): nothing to train"), nothing.out());
    }

    @Test
    void resumingWithAnotherBatchSizeOrLimitIsAUsageErrorNamingBoth() throws IOException {
        Path run = dir.resolve("refuse.model");
        String[] common = {"--data", data.toString(), "--hidden", "8"};
        Cli.Result first = Cli.run(concat(new String[] {"train", "--epochs", "1", "--limit", "300", "--batch-size", "50",
                "--out", run.toString()}, common));
        assertEquals(0, first.code(), first.toString());

        Cli.Result batch = Cli.run("train", "--data", data.toString(), "--epochs", "2", "--resume", run.toString(),
                "--batch-size", "60");
        assertEquals(2, batch.code(), batch.toString());
        assertEquals("error: --resume continues the run in " + run + ", which trains with --batch-size 50; "
                + "--batch-size 60 would make it another run (leave --batch-size out to continue it)",
                batch.err().lines().findFirst().orElse(""));
        Cli.Result limit = Cli.run("train", "--data", data.toString(), "--epochs", "2", "--resume", run.toString(),
                "--limit", "200");
        assertEquals(2, limit.code(), limit.toString());
        assertEquals("error: --resume continues the run in " + run + ", which trains on 300 examples (--limit 300); "
                + "--limit 200 would make it another run (leave --limit out to continue it)",
                limit.err().lines().findFirst().orElse(""));
        assertEquals(1, Trainer.resume(ModelFile.loadCheckpoint(run, Backends.get())).epochsCompleted(),
                "a refused run leaves the file alone");

        // Left out, both come from the file; given the same, they are accepted.
        Cli.Result resumed = Cli.run("train", "--data", data.toString(), "--epochs", "2", "--resume", run.toString(),
                "--batch-size", "50");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("train set: 300 images") && resumed.out().contains("batch size 50, 2 epochs"),
                resumed.out());
        assertEquals(2, Trainer.resume(ModelFile.loadCheckpoint(run, Backends.get())).epochsCompleted());
    }

    @Test
    void activationsAndOptimizersComeFromTheRegistry() throws IOException {
        Path out = dir.resolve("tanh.model");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "300", "--epochs", "1", "--batch-size", "50",
                "--hidden", "16", "--activation", "Tanh", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("Sequential[784 -> Dense(16) -> Tanh() -> Dense(10) -> Softmax()]",
                ModelFile.load(out, Backends.get()).toString());

        // Registered by nn-core's test sources only: the command line takes them with nothing changed.
        Path user = dir.resolve("user.model");
        r = Cli.run("train", "--data", data.toString(), "--limit", "300", "--epochs", "2", "--batch-size", "50",
                "--hidden", "16", "--activation", "test-leaky-relu(0.2)", "--optimizer", "test-adagrad",
                "--out", user.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("TestLeakyRelu(0.2)") && r.out().contains("optimizer TestAdagrad(lr=0.01, epsilon=1.0E-10)"),
                r.out());
        Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(user, Backends.get()));
        assertEquals("test_adagrad", resumed.optimizer().type());
        assertEquals(2 * 6, resumed.optimizerState().steps());
    }

    @Test
    void otherSettingsTrainToo() throws IOException {
        Path out = dir.resolve("f64.model");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "500", "--epochs", "3", "--batch-size", "25", "--dtype", "float64",
                "--hidden", "24,12", "--init", "he", "--optimizer", "momentum", "--lr", "0.02", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Sequential on ") && r.out().contains(", float64, input [784]"), r.out());
        assertTrue(r.out().contains("Dense(24)") && r.out().contains("Dense(12)") && r.out().contains("initializer he"), r.out());
        assertTrue(r.out().contains("optimizer Momentum("), r.out());
        Sequential net = ModelFile.load(out, Backends.get());
        assertEquals(org.nnfs.tensor.DType.FLOAT64, net.dtype());
        assertTrue(finalAccuracy(r.out()) > 50, r.out());
    }

    @Test
    void normalizationDropoutAndTheNewActivationsTrainAndResume() throws IOException {
        Path out = dir.resolve("batch-norm.model");
        String[] common = {"train", "--data", data.toString(), "--limit", "500", "--batch-size", "50"};
        Cli.Result r = Cli.run(concat(common, new String[] {"--epochs", "2", "--hidden", "32,16", "--batch-norm",
            "--dropout", "0.1", "--activation", "gelu", "--out", out.toString()}));
        assertEquals(0, r.code(), r.toString());
        assertEquals("Sequential[784 -> Dense(32) -> BatchNorm(0.1, 1.0E-5) -> Gelu() -> Dropout(0.1) -> Dense(16) -> "
                + "BatchNorm(0.1, 1.0E-5) -> Gelu() -> Dropout(0.1) -> Dense(10) -> Softmax()]",
                ModelFile.load(out, Backends.get()).toString());
        assertTrue(r.out().contains("buffers (not trained): 96 values"), r.out());
        // Twenty steps on 500 examples: chance is 10%, and the same run without batch norm reaches 16%.
        assertTrue(finalAccuracy(r.out()) > 30, r.out());
        Cli.Result resumed = Cli.run(concat(new String[] {"train", "--data", data.toString(), "--resume", out.toString()},
                new String[] {"--epochs", "3"}));
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(3, Trainer.resume(ModelFile.loadCheckpoint(out, Backends.get())).epochsCompleted());

        Path layerNorm = dir.resolve("layer-norm.model");
        r = Cli.run(concat(common, new String[] {"--epochs", "1", "--hidden", "16", "--layer-norm", "--activation",
            "leaky-relu(0.05)", "--out", layerNorm.toString()}));
        assertEquals(0, r.code(), r.toString());
        assertEquals("Sequential[784 -> Dense(16) -> LayerNorm(1.0E-5) -> LeakyRelu(0.05) -> Dense(10) -> Softmax()]",
                ModelFile.load(layerNorm, Backends.get()).toString());
    }

    @Test
    void batchNormRefusesARunWithABatchOfOneBeforeTraining() {
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "101", "--batch-size", "50", "--epochs", "1",
                "--hidden", "8", "--batch-norm");
        assertEquals(1, r.code(), r.toString());
        assertEquals("error: batch normalization cannot train on a batch of one example, and 101 training examples in "
                + "batches of 50 leave a batch of one in every epoch; choose another --batch-size or --limit",
                r.err().strip());
        assertFalse(r.out().contains("epoch 1"), r.out());
    }

    @Test
    void onATerminalTheEpochShowsABar() {
        Cli.Result r = Cli.run(new MnistApp().terminal(true), "train", "--data", data.toString(), "--limit", "300",
                "--epochs", "1", "--batch-size", "100", "--hidden", "8");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\repoch 1/1 [========================] 3/3 batches  "), r.out());
        assertTrue(r.out().contains("\repoch 1/1  train loss "), r.out());
    }

    /** The digit 5x larger, dark blue ink on light grey paper, off centre. */
    private static BufferedImage enlargedOnPaper(float[] pixels) {
        BufferedImage big = new BufferedImage(220, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(new Color(230, 228, 220));
        g.fillRect(0, 0, 220, 180);
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int k = 0; k < pixels.length; k++) {
            digit.setRGB(k % 28, k / 28, (Math.round(pixels[k] * 255) << 24) | 0x182860);
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(digit, 60, 20, 140, 140, null);
        g.dispose();
        return big;
    }

    private static double finalAccuracy(String out) {
        Matcher m = FINAL.matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
