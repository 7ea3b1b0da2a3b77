package org.nnfs.spark.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nnfs.layer.Mode;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * The compute of one training step without Spark: forward and backward of a 784-H1-H2-10 network over
 * one batch on a backend with the given threads (what {@code ScalingTable} calls C).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.nnfs.spark.bench.StepCompute vector 1 512 100,200
 * </pre>
 * Arguments: backend, threads, batch, hidden widths. Prints the median of five timings of 20 steps.
 */
public final class StepCompute {
    private StepCompute() {
    }

    public static void main(String[] args) {
        Backend backend = Backends.get(args[0], Integer.parseInt(args[1]));
        int batch = Integer.parseInt(args[2]);
        int[] hidden = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        Sequential.Builder b = Sequential.builder(784);
        for (int h : hidden) {
            b.dense(h).relu();
        }
        Sequential model = b.dense(10).softmax().build(backend);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[batch * 784];
        float[] y = new float[batch * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            y[i * 10 + r.nextInt(10)] = 1;
        }
        Tensor xs = backend.fromArray(x, batch, 784, DType.FLOAT32);
        Tensor ys = backend.fromArray(y, batch, 10, DType.FLOAT32);
        CrossEntropy loss = new CrossEntropy();
        double[] ms = new double[5];
        for (int rep = -2; rep < ms.length; rep++) {
            long start = System.nanoTime();
            for (int s = 0; s < 20; s++) {
                model.forward(xs, Mode.TRAINING);
                model.backward(loss, ys);
            }
            if (rep >= 0) {
                ms[rep] = (System.nanoTime() - start) / 1e6 / 20;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s, %s threads, batch %d, 784-%s-10 (%,d parameters): %.2f ms per step%n",
                backend.name(), args[1], batch, args[3].replace(',', '-'), model.parameterCount(), ms[2]);
    }
}
