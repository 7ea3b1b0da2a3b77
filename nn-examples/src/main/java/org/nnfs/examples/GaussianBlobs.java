package org.nnfs.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.io.ModelFile;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.FitOptions;
import org.nnfs.train.History;
import org.nnfs.train.Trainer;

/**
 * Multi-class classification of five Gaussian blobs with a softmax output: a validation set split off
 * the training set, early stopping on the validation loss, the model saved and loaded again, and
 * predictions from four threads at once on one shared model.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.nnfs.examples.GaussianBlobs [nd4j|ojalgo|vector] [model file]
 * </pre>
 */
public final class GaussianBlobs {
    private static final int CLASSES = 5;

    private GaussianBlobs() {
    }

    /**
     * What the example found.
     *
     * @param test          metrics on the test set
     * @param history       the epochs trained and why training stopped
     * @param loadedAgrees  whether the model loaded from the file classifies the test set as the trained one did
     * @param threadsAgree  whether the four threads' answers equal the single-threaded ones
     */
    public record Result(Evaluation test, History history, boolean loadedAgrees, boolean threadsAgree) {
    }

    /** Runs the example on the backend named by the first argument (or the default) and saves to the second. */
    public static void main(String[] args) throws Exception {
        Backend backend = args.length > 0 ? Backends.get(args[0]) : Backends.get();
        run(backend, Path.of(args.length > 1 ? args[1] : "blobs.nnfs"), System.out);
    }

    /** Trains, evaluates, saves to {@code file}, loads and predicts, printing to {@code out}. */
    public static Result run(Backend backend, Path file, PrintStream out)
            throws IOException, InterruptedException, ExecutionException {
        // 2,000 points around five centres on a circle of radius 3: features (x, y), labels 0 to 4.
        int n = 2000;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(CLASSES);
            double angle = 2 * Math.PI * labels[i] / CLASSES;
            points[i] = new double[] {3 * Math.cos(angle) + random.nextGaussian(), 3 * Math.sin(angle) + random.nextGaussian()};
        }
        Dataset all = Dataset.builder(backend).features(points).labels(labels, CLASSES).build();
        Dataset.Split testSplit = all.split(0.2, 1);                 // 400 for the final test
        Dataset.Split validationSplit = testSplit.train().split(0.2, 2); // 320 of the rest to watch while training

        Sequential model = Sequential.builder(2)
                .dense(32).relu()
                .dense(CLASSES).softmax()
                .seed(3)
                .build(backend);
        out.println(model.summary());
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(0.01)).seed(4).build(); // cross-entropy by default
        History history = trainer.fit(validationSplit.train(), FitOptions.builder()
                .epochs(200)
                .batchSize(32)
                .validation(validationSplit.test())
                .earlyStopping(EarlyStopping.onValidationLoss(5)) // stop after 5 epochs without improvement
                .build());
        out.println("trained " + history.epochs().size() + " of 200 epochs"
                + (history.stopReason().isEmpty() ? "" : ": " + history.stopReason()));

        Evaluation test = trainer.evaluate(testSplit.test());
        out.println(test.report());

        ModelFile.save(trainer.checkpoint(), file); // weights and training state; Trainer.resume continues it
        Sequential loaded = ModelFile.load(file, backend);
        float[][] rows = toFloats(testSplit.test());
        boolean loadedAgrees = Arrays.equals(model.classify(rows), loaded.classify(rows));
        out.println("saved to " + file + "; the loaded model classifies the test set "
                + (loadedAgrees ? "exactly as the trained one" : "DIFFERENTLY"));

        // One model, four threads, no lock: each call borrows buffers of its own.
        int[] expected = loaded.classify(rows);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        boolean threadsAgree = true;
        try {
            List<Future<int[]>> answers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                answers.add(pool.submit(() -> {
                    int[] classes = null;
                    for (int repeat = 0; repeat < 50; repeat++) {
                        classes = loaded.classify(rows);
                    }
                    return classes;
                }));
            }
            for (Future<int[]> answer : answers) {
                threadsAgree &= Arrays.equals(expected, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        out.println("four threads classifying at once on one model " + (threadsAgree ? "agree" : "DISAGREE")
                + " with one thread");
        return new Result(test, history, loadedAgrees, threadsAgree);
    }

    /** The features of {@code data} as rows, as a program would hold its own inputs. */
    private static float[][] toFloats(Dataset data) {
        float[] flat = data.features().toFloatArray();
        float[][] rows = new float[data.size()][data.inputSize()];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(flat, r * data.inputSize(), rows[r], 0, data.inputSize());
        }
        return rows;
    }
}
