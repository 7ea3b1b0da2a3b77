package org.nnfs.mnist.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.data.Dataset;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.testing.RealBackends;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

/**
 * {@link Sequential#predict} and {@link Sequential#classify} are documented as safe to call from several
 * threads on one model: six threads firing a mix of requests (one image, small and large batches, one
 * crossing the inference chunk, a shared input tensor) at one trained model, all at once, get exactly
 * the answers the same requests got one at a time, bit for bit; and so do four threads while another
 * thread trains a different model on the same backend.
 */
class ConcurrentPredictTest {
    private static final int THREADS = 6;
    private static final int REPEATS = 4;

    static List<String> backends() {
        return RealBackends.names();
    }

    /** One call on the model; {@code run} returns its answer as bits so answers compare exactly. */
    private interface Request {
        int[] run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentCallsGiveTheSingleThreadedAnswers(String name) throws Exception {
        Backend backend = Backends.get(name);
        MnistDataset train = MnistLoader.load(TestData.mnistDir(), MnistSplit.TRAIN, 2000);
        MnistDataset test = MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, 1500);
        Sequential model = Sequential.builder(784).dense(64).relu().dense(10).softmax().seed(3).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Sgd(0.1)).seed(4).build();
        trainer.fit(Dataset.classification(backend, DType.FLOAT32, train.features(), train.count(), 784,
                train.labelsAsInts(), 10), FitOptions.builder().epochs(2).batchSize(100).build());

        float[] images = test.features();
        Tensor shared = backend.fromArray(images, test.count(), 784, DType.FLOAT32);
        List<Request> requests = new ArrayList<>();
        int[][] slices = {{0, 1}, {1, 1}, {2, 7}, {10, 100}, {200, 512}, {0, 1500}, {700, 800}, {1499, 1}};
        for (int[] s : slices) {
            float[] x = Arrays.copyOfRange(images, s[0] * 784, (s[0] + s[1]) * 784);
            int rows = s[1];
            requests.add(() -> bits(model.predict(x, rows)));
            requests.add(() -> model.classify(x, rows));
        }
        requests.add(() -> bits(model.predict(shared).toFloatArray()));
        requests.add(() -> model.classify(shared));

        List<int[]> expected = new ArrayList<>();
        for (Request r : requests) {
            expected.add(r.run());
        }
        int[] classes = model.classify(shared);
        long right = 0;
        for (int i = 0; i < classes.length; i++) {
            right += classes[i] == test.label(i) ? 1 : 0;
        }
        assertTrue(right > 0.5 * classes.length, "the model is trained: " + right + " of " + classes.length);

        List<String> mismatches = new CopyOnWriteArrayList<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < requests.size(); i++) {
                        order.add(i);
                    }
                    Random random = new Random(thread);
                    start.await();
                    int calls = 0;
                    for (int repeat = 0; repeat < REPEATS; repeat++) {
                        Collections.shuffle(order, random);
                        for (int i : order) {
                            if (!Arrays.equals(expected.get(i), requests.get(i).run())) {
                                mismatches.add("thread " + thread + ", request " + i);
                            }
                            calls++;
                        }
                    }
                    return calls;
                }));
            }
            int calls = 0;
            for (Future<Integer> f : done) {
                calls += f.get(5, TimeUnit.MINUTES);
            }
            assertEquals(THREADS * REPEATS * requests.size(), calls);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " concurrent answers differ from the single-threaded "
                + "ones, e.g. " + mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void predictionsStayExactWhileAnotherModelTrains(String name) throws Exception {
        Backend backend = Backends.get(name);
        MnistDataset train = MnistLoader.load(TestData.mnistDir(), MnistSplit.TRAIN, 2000);
        MnistDataset test = MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, 500);
        Dataset trainSet = Dataset.classification(backend, DType.FLOAT32, train.features(), train.count(), 784,
                train.labelsAsInts(), 10);
        Sequential served = Sequential.builder(784).dense(32).relu().dense(10).softmax().seed(5).build(backend);
        Trainer.builder(served).optimizer(new Sgd(0.1)).seed(6).build()
                .fit(trainSet, FitOptions.builder().epochs(1).batchSize(100).build());
        float[] images = test.features();
        int[] expectedClasses = served.classify(images, test.count());
        int[] expectedBits = bits(served.predict(images, test.count()));

        Sequential other = Sequential.builder(784).dense(64).relu().dense(10).softmax().seed(7).build(backend);
        Trainer trainer = Trainer.builder(other).optimizer(new Sgd(0.1)).seed(8).build();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<Double> training = pool.submit(() -> {
                trainer.fit(trainSet, FitOptions.builder().epochs(4).batchSize(50).build());
                return trainer.evaluate(Dataset.classification(backend, DType.FLOAT32, images, test.count(), 784,
                        test.labelsAsInts(), 10)).accuracy();
            });
            List<Future<Integer>> predicting = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                predicting.add(pool.submit(() -> {
                    int calls = 0;
                    while (!training.isDone() || calls < 3) {
                        if (!Arrays.equals(expectedBits, bits(served.predict(images, test.count())))
                                || !Arrays.equals(expectedClasses, served.classify(images, test.count()))) {
                            return -1;
                        }
                        calls++;
                    }
                    return calls;
                }));
            }
            double accuracy = training.get(5, TimeUnit.MINUTES);
            assertTrue(accuracy > 0.6, "the other model learned while predictions ran: accuracy " + accuracy);
            for (Future<Integer> p : predicting) {
                int calls = p.get(5, TimeUnit.MINUTES);
                assertTrue(calls >= 3, calls < 0 ? "a prediction changed while the other model trained" : calls + " calls");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
