package org.nnfs.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * Regression: learn {@code y = sin(x)} from 800 noisy samples with a small network whose last layer
 * has no activation, trained with mean squared error, and measured by MAE, RMSE and R².
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.nnfs.examples.NoisySine [nd4j|ojalgo|vector]
 * </pre>
 */
public final class NoisySine {
    private NoisySine() {
    }

    /** Runs the example on the backend named by the first argument, or on the default one. */
    public static void main(String[] args) {
        run(args.length > 0 ? Backends.get(args[0]) : Backends.get(), System.out);
    }

    /** Trains and evaluates on {@code backend}, printing to {@code out}; returns the test set's metrics. */
    public static Evaluation run(Backend backend, PrintStream out) {
        // x uniform in [-pi, pi], y = sin(x) plus Gaussian noise of standard deviation 0.1.
        int n = 800;
        double[][] x = new double[n][1];
        double[][] y = new double[n][1];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble(-Math.PI, Math.PI);
            y[i][0] = Math.sin(x[i][0]) + 0.1 * random.nextGaussian();
        }
        Dataset.Split data = Dataset.builder(backend).features(x).targets(y).build().split(0.2, 7);

        Sequential model = Sequential.builder(1)
                .dense(32).tanh()
                .dense(32).tanh()
                .dense(1) // no activation: any real value
                .seed(1)
                .build(backend);
        Trainer trainer = Trainer.builder(model)
                .optimizer(new Adam(0.01))
                .loss(new MeanSquaredError())
                .seed(2)
                .build();
        trainer.fit(data.train(), FitOptions.builder().epochs(100).batchSize(32).build());

        Evaluation test = trainer.evaluate(data.test()); // loss (MSE), MAE, RMSE and R²
        out.println("Noisy sine on " + backend.name() + ", " + data.test().size() + " test points:");
        out.println(test.report());

        double[][] queries = {{-Math.PI / 2}, {0}, {1}, {Math.PI / 2}};
        double[][] predicted = model.predict(queries);
        for (int i = 0; i < queries.length; i++) {
            out.printf(Locale.ROOT, "x = %+.3f: predicted %+.3f, sin(x) = %+.3f%n", queries[i][0], predicted[i][0],
                    Math.sin(queries[i][0]));
        }
        return test;
    }
}
