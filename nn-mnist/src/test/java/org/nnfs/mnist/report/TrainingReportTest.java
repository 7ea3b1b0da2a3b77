package org.nnfs.mnist.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.train.EpochSummary;

/**
 * Writes a full report from hand-made numbers into {@code target/test-report} (kept, so a person can
 * look at the pictures) and checks every file by reading it back with independent parsers.
 */
class TrainingReportTest {
    static final Path DIR = Path.of("target", "test-report");
    static List<Path> written;
    static EvaluationSummary summary;
    static int[][] confusion;

    @BeforeAll
    static void writeReport() throws IOException {
        // A plausible MNIST confusion matrix: rows sum to the test set's class counts.
        int[] support = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        confusion = new int[10][10];
        for (int t = 0; t < 10; t++) {
            int wrong = 5 + 3 * t;
            confusion[t][t] = support[t] - wrong;
            confusion[t][(t + 3) % 10] = wrong - wrong / 3;
            confusion[t][(t + 7) % 10] = wrong / 3;
        }
        summary = summaryOf(0.0712, confusion);
        List<EpochSummary> epochs = new ArrayList<>();
        for (int e = 1; e <= 20; e++) {
            double trainLoss = 0.05 + 0.6 / e;
            epochs.add(new EpochSummary(e, trainLoss, 1 - trainLoss / 4, trainLoss * 1.1, 1 - trainLoss / 3.6, 2.5, 24000));
        }
        MnistDataset test = TestData.mnistSample();
        List<Misclassified> errors = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            errors.add(new Misclassified(i, test.image(i), test.label(i), (test.label(i) + 1) % 10, 0.4 + i / 100.0));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("backend", "ojalgo");
        settings.put("epochs", 20);
        settings.put("lr", 0.1);
        settings.put("hidden", "100,200");
        written = TrainingReport.write(DIR, settings, epochs, summary, errors, 51.25);
    }

    @Test
    void writesEveryFile() {
        List<String> names = new ArrayList<>();
        for (Path p : written) {
            assertTrue(Files.isRegularFile(p), p.toString());
            names.add(p.getFileName().toString());
        }
        assertEquals(List.of("loss.png", "accuracy.png", "history.csv", "confusion.png", "misclassified.png",
                "metrics.json", "classes.csv", "confusion.csv"), names);
    }

    @Test
    void picturesArePngsOfTheExpectedSize() throws IOException {
        for (String name : new String[] {"loss.png", "accuracy.png", "confusion.png", "misclassified.png"}) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(DIR.resolve(name)), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, name);
        }
        BufferedImage loss = ImageIO.read(DIR.resolve("loss.png").toFile());
        assertEquals(LearningCurves.WIDTH, loss.getWidth());
        assertEquals(LearningCurves.HEIGHT, loss.getHeight());
        BufferedImage grid = ImageIO.read(DIR.resolve("misclassified.png").toFile());
        assertEquals(10 * (84 + 10) + 10, grid.getWidth()); // ten columns of 3x enlarged digits
        assertEquals(56 + 4 * (84 + 34 + 10) + 10, grid.getHeight()); // 37 digits: four rows
    }

    @Test
    void heatMapShadesByShareOfTheTrueClass() throws IOException {
        BufferedImage map = ImageIO.read(DIR.resolve("confusion.png").toFile());
        // Sample each cell near its top-left corner, clear of the number drawn in its middle.
        Color diagonal = new Color(map.getRGB(110 + 4 * 58 + 3, 110 + 4 * 58 + 3));
        Color zero = new Color(map.getRGB(110 + 5 * 58 + 3, 110 + 4 * 58 + 3));
        Color error = new Color(map.getRGB(110 + 7 * 58 + 3, 110 + 4 * 58 + 3)); // 4 -> 7: 11 of 982
        assertTrue(diagonal.getRed() < 40 && diagonal.getBlue() > 90, diagonal.toString());
        assertEquals(new Color(247, 251, 255), zero);
        assertTrue(error.getRed() < 230 && error.getRed() > 150, error.toString());
    }

    @Test
    void jsonHoldsSettingsHistoryAndTestMetrics() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("metrics.json").toFile());
        assertEquals("ojalgo", root.get("settings").get("backend").asText());
        assertEquals(20, root.get("settings").get("epochs").asInt());
        assertEquals(0.1, root.get("settings").get("lr").asDouble());
        assertEquals(20, root.get("epochs").size());
        assertEquals(0.65, root.get("epochs").get(0).get("train_loss").asDouble(), 1e-12);
        JsonNode test = root.get("test");
        assertEquals(10_000, test.get("examples").asLong());
        assertEquals(summary.accuracy(), test.get("accuracy").asDouble(), 1e-12);
        assertEquals(confusion[4][7], test.get("confusion_matrix").get(4).get(7).asInt());
        JsonNode three = test.get("per_class").get(3);
        assertEquals(3, three.get("class").asInt());
        assertEquals(1010, three.get("support").asInt());
        // Recall of class 3: 14 of its 1010 examples are wrong.
        assertEquals(996.0 / 1010, three.get("recall").asDouble(), 1e-12);
        assertEquals(51.25, root.get("total_seconds").asDouble());
    }

    @Test
    void csvTablesMatchTheNumbers() throws IOException {
        List<String> history = Files.readAllLines(DIR.resolve("history.csv"));
        assertEquals("epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,samples_per_second", history.get(0));
        assertEquals(21, history.size());
        String[] first = history.get(1).split(",", -1);
        assertEquals(7, first.length);
        assertEquals(0.65, Double.parseDouble(first[1]), 1e-6);

        List<String> classes = Files.readAllLines(DIR.resolve("classes.csv"));
        assertEquals("class,precision,recall,f1,support", classes.get(0));
        assertEquals(12, classes.size());
        String[] three = classes.get(4).split(",");
        assertEquals("3", three[0]);
        assertEquals(996.0 / 1010, Double.parseDouble(three[2]), 1e-5);
        assertEquals("1010", three[4]);
        assertTrue(classes.get(11).startsWith("all,"));

        List<String> matrix = Files.readAllLines(DIR.resolve("confusion.csv"));
        assertEquals("true\\predicted,0,1,2,3,4,5,6,7,8,9", matrix.get(0));
        String[] row4 = matrix.get(5).split(",");
        assertEquals("4", row4[0]);
        assertEquals(Integer.toString(confusion[4][7]), row4[8]);
    }

    /** Precision, recall and F1 computed here from their definitions: the test's own oracle. */
    static EvaluationSummary summaryOf(double loss, int[][] m) {
        int k = m.length;
        double[] p = new double[k];
        double[] r = new double[k];
        double[] f = new double[k];
        long[] s = new long[k];
        long total = 0;
        long right = 0;
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            long col = 0;
            long row = 0;
            for (int i = 0; i < k; i++) {
                col += m[i][c];
                row += m[c][i];
            }
            p[c] = col == 0 ? 0 : (double) m[c][c] / col;
            r[c] = row == 0 ? 0 : (double) m[c][c] / row;
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
            s[c] = row;
            total += row;
            right += m[c][c];
            f1Sum += f[c];
        }
        return new EvaluationSummary(total, loss, (double) right / total, f1Sum / k, m, p, r, f, s);
    }
}
