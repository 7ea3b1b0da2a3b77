package org.nnfs.mnist.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nnfs.train.EpochSummary;

/**
 * Writes a run's report into a directory: learning curves, confusion heat map, misclassified digits
 * (PNG), and the metrics (JSON and CSV). File names are fixed so scripts can find them.
 */
public final class TrainingReport {
    /** Loss per epoch. */
    public static final String LOSS_PNG = "loss.png";
    /** Accuracy per epoch. */
    public static final String ACCURACY_PNG = "accuracy.png";
    /** Confusion matrix heat map. */
    public static final String CONFUSION_PNG = "confusion.png";
    /** Grid of misclassified test digits. */
    public static final String MISCLASSIFIED_PNG = "misclassified.png";
    /** Everything, as JSON. */
    public static final String METRICS_JSON = "metrics.json";
    /** Per-epoch table. */
    public static final String HISTORY_CSV = "history.csv";
    /** Per-class table. */
    public static final String CLASSES_CSV = "classes.csv";
    /** Confusion matrix table. */
    public static final String CONFUSION_CSV = "confusion.csv";

    private TrainingReport() {
    }

    /**
     * Writes the report; the learning curves only when {@code epochs} is not empty.
     *
     * @param dir           created if needed
     * @param settings      the run's configuration, recorded in the JSON
     * @param epochs        training history (empty for an evaluation alone)
     * @param test          the final test evaluation
     * @param errors        misclassified test examples (the {@link MisclassifiedGrid#MAX_SHOWN} most confident drawn)
     * @param totalSeconds  wall time of the run
     * @return the files written
     */
    public static List<Path> write(Path dir, Map<String, Object> settings, List<EpochSummary> epochs,
                                   EvaluationSummary test, List<Misclassified> errors, double totalSeconds)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (!epochs.isEmpty()) {
            LearningCurves.writeLoss(epochs, add(written, dir, LOSS_PNG));
            LearningCurves.writeAccuracy(epochs, add(written, dir, ACCURACY_PNG));
            MetricsFiles.writeHistoryCsv(add(written, dir, HISTORY_CSV), epochs);
        }
        String title = String.format(Locale.ROOT, "Confusion matrix: %,d test digits, accuracy %.2f%%", test.count(),
                100 * test.accuracy());
        ConfusionHeatMap.write(test.confusion(), title, add(written, dir, CONFUSION_PNG));
        long right = 0;
        for (int c = 0; c < test.classes(); c++) {
            right += test.confusion()[c][c];
        }
        MisclassifiedGrid.write(errors, (int) (test.count() - right), add(written, dir, MISCLASSIFIED_PNG));
        MetricsFiles.writeJson(add(written, dir, METRICS_JSON), settings, epochs, test, totalSeconds);
        MetricsFiles.writeClassesCsv(add(written, dir, CLASSES_CSV), test);
        MetricsFiles.writeConfusionCsv(add(written, dir, CONFUSION_CSV), test);
        return written;
    }

    private static Path add(List<Path> written, Path dir, String name) {
        Path p = dir.resolve(name);
        written.add(p);
        return p;
    }
}
