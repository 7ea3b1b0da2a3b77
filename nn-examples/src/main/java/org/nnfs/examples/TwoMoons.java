package org.nnfs.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.loss.BinaryCrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * Binary classification: two interleaving half circles ("two moons"), a network with one sigmoid
 * output (the probability of class 1) trained with binary cross-entropy, and the binary metrics:
 * precision, recall, F1 and the area under the ROC curve.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.nnfs.examples.TwoMoons [nd4j|ojalgo|vector]
 * </pre>
 */
public final class TwoMoons {
    private TwoMoons() {
    }

    /** Runs the example on the backend named by the first argument, or on the default one. */
    public static void main(String[] args) {
        run(args.length > 0 ? Backends.get(args[0]) : Backends.get(), System.out);
    }

    /** Trains and evaluates on {@code backend}, printing to {@code out}; returns the test set's metrics. */
    public static Evaluation run(Backend backend, PrintStream out) {
        // 1,000 points made in code: label 0 on the upper moon, 1 on the lower one, with Gaussian noise.
        int n = 1000;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            double t = Math.PI * random.nextDouble();
            labels[i] = i % 2;
            points[i] = labels[i] == 0
                    ? new double[] {Math.cos(t), Math.sin(t)}
                    : new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            points[i][0] += 0.2 * random.nextGaussian();
            points[i][1] += 0.2 * random.nextGaussian();
        }
        Dataset all = Dataset.builder(backend).features(points).labels(labels, 1).build(); // 1 class: binary 0/1
        Dataset.Split data = all.split(0.2, 7); // 20 % held out for testing, in the same class proportions

        Sequential model = Sequential.builder(2)
                .dense(16).tanh()
                .dense(16).tanh()
                .dense(1).sigmoid() // one output: the probability of class 1
                .seed(1)
                .build(backend);
        Trainer trainer = Trainer.builder(model)
                .optimizer(new Adam(0.02))
                .loss(new BinaryCrossEntropy()) // fused with the sigmoid, like softmax with cross-entropy
                .seed(2)
                .build();
        trainer.fit(data.train(), FitOptions.builder().epochs(60).batchSize(32).build());

        Evaluation test = trainer.evaluate(data.test()); // accuracy at threshold 0.5, precision, recall, F1, ROC AUC
        out.println("Two moons on " + backend.name() + ", " + data.test().size() + " test points:");
        out.println(test.report());

        float[][] queries = {{0, 1}, {1, -0.5f}, {0.5f, 0.25f}};
        float[][] probability = model.predict(queries); // probability[i][0]: of class 1
        int[] classes = model.classify(queries);         // 1 where that probability is above 0.5
        for (int i = 0; i < queries.length; i++) {
            out.printf(Locale.ROOT, "point (%.2f, %.2f): P(lower moon) = %.3f, class %d%n", queries[i][0], queries[i][1],
                    probability[i][0], classes[i]);
        }
        return test;
    }
}
