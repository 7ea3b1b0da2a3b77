package org.nnfs.mnist.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.train.EpochSummary;

/**
 * The numbers of a run as files: one JSON document with everything, and CSV tables (per epoch, per
 * class, the confusion matrix) for spreadsheets. Numbers that do not exist (a NaN test accuracy when
 * there was no test set) are JSON {@code null} and empty CSV cells.
 */
public final class MetricsFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsFiles() {
    }

    /**
     * Writes {@code metrics.json}.
     *
     * @param settings     how the run was configured (strings and numbers), may be empty
     * @param epochs       the training history, may be empty (evaluation only)
     * @param test         the final evaluation
     * @param totalSeconds wall time of the run, NaN if unknown
     */
    public static void writeJson(Path file, Map<String, Object> settings, List<EpochSummary> epochs,
                                 EvaluationSummary test, double totalSeconds) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("settings");
        settings.forEach((k, v) -> {
            if (v instanceof Number n) {
                if (v instanceof Integer || v instanceof Long) {
                    s.put(k, n.longValue());
                } else {
                    number(s, k, n.doubleValue());
                }
            } else {
                s.put(k, String.valueOf(v));
            }
        });
        ArrayNode history = root.putArray("epochs");
        for (EpochSummary e : epochs) {
            ObjectNode h = history.addObject();
            h.put("epoch", e.epoch());
            number(h, "train_loss", e.trainLoss());
            number(h, "train_accuracy", e.trainAccuracy());
            number(h, "test_loss", e.validationLoss());
            number(h, "test_accuracy", e.validationAccuracy());
            number(h, "seconds", e.seconds());
            number(h, "samples_per_second", e.samplesPerSecond());
        }
        ObjectNode t = root.putObject("test");
        t.put("examples", test.count());
        number(t, "loss", test.loss());
        number(t, "accuracy", test.accuracy());
        number(t, "macro_f1", test.macroF1());
        ArrayNode perClass = t.putArray("per_class");
        for (int c = 0; c < test.classes(); c++) {
            ObjectNode pc = perClass.addObject();
            pc.put("class", c);
            number(pc, "precision", test.precision()[c]);
            number(pc, "recall", test.recall()[c]);
            number(pc, "f1", test.f1()[c]);
            pc.put("support", test.support()[c]);
        }
        ArrayNode confusion = t.putArray("confusion_matrix");
        for (int[] row : test.confusion()) {
            ArrayNode r = confusion.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        number(root, "total_seconds", totalSeconds);
        Files.write(file, JSON.writeValueAsBytes(root));
    }

    /** Writes the per-epoch table: epoch, losses, accuracies, seconds, samples per second. */
    public static void writeHistoryCsv(Path file, List<EpochSummary> epochs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,samples_per_second\n");
            for (EpochSummary e : epochs) {
                w.write(e.epoch() + "," + cell(e.trainLoss()) + "," + cell(e.trainAccuracy()) + ","
                        + cell(e.validationLoss()) + "," + cell(e.validationAccuracy()) + "," + cell(e.seconds()) + ","
                        + cell(e.samplesPerSecond()) + "\n");
            }
        }
    }

    /** Writes the per-class table (precision, recall, F1, support) with a closing "all" row. */
    public static void writeClassesCsv(Path file, EvaluationSummary test) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("class,precision,recall,f1,support\n");
            for (int c = 0; c < test.classes(); c++) {
                w.write(c + "," + cell(test.precision()[c]) + "," + cell(test.recall()[c]) + "," + cell(test.f1()[c]) + ","
                        + test.support()[c] + "\n");
            }
            // Over all classes: micro precision = recall = accuracy; F1 is the macro average.
            w.write("all," + cell(test.accuracy()) + "," + cell(test.accuracy()) + "," + cell(test.macroF1()) + ","
                    + test.count() + "\n");
        }
    }

    /** Writes the confusion matrix with a header row of predicted classes and a first column of true ones. */
    public static void writeConfusionCsv(Path file, EvaluationSummary test) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("true\\predicted");
            for (int c = 0; c < test.classes(); c++) {
                header.append(',').append(c);
            }
            w.write(header.append('\n').toString());
            for (int t = 0; t < test.classes(); t++) {
                StringBuilder row = new StringBuilder().append(t);
                for (int v : test.confusion()[t]) {
                    row.append(',').append(v);
                }
                w.write(row.append('\n').toString());
            }
        }
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
