package org.nnfs.backend.vector;

import static org.nnfs.tensor.TensorAssertions.assertClose;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.Tolerance;

/**
 * One backend shared by threads that multiply at once (several threads predicting on one model): no
 * thread waits for another's product, and every product is right.
 */
class SharedBackendGemmTest {

    /** One product of the given shape on {@code be}, checked against the oracle. */
    private static void product(VectorBackend be, DType dtype, int m, int k, int n, long seed) {
        SplittableRandom rnd = random("shared backend gemm", dtype, m, k, n, seed);
        double[] a = uniform(rnd, m * k, -1, 1, dtype);
        double[] b = uniform(rnd, k * n, -1, 1, dtype);
        Tensor tA = be.fromArray(a, m, k, dtype);
        Tensor tB = be.fromArray(b, k, n, dtype);
        Tensor tC = be.zeros(m, n, dtype);
        be.gemm(false, false, 1, tA, tB, 0, tC);
        double[] zeros = new double[m * n];
        double[] expected = Reference.gemm(false, false, 1, a, m, k, b, k, n, 0, zeros);
        double[] scale = Reference.gemm(false, false, 1, Reference.abs(a), m, k, Reference.abs(b), k, n, 0, zeros);
        assertClose(dtype + " " + m + "x" + k + "x" + n, expected, scale, tC, Tolerance.of(dtype));
    }

    @Test
    @DisplayName("a thread that finds the backend's product busy computes on its own instead of waiting")
    void busyProductDoesNotBlock() throws Exception {
        VectorBackend be = new VectorBackend(2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        be.floatGemm.busy.lock(); // as if another thread were in the middle of a product
        be.doubleGemm.busy.lock();
        try {
            Future<?> done = other.submit(() -> {
                product(be, DType.FLOAT32, 200, 300, 150, 1); // large enough for the team of threads
                product(be, DType.FLOAT64, 64, 784, 100, 2);
            });
            done.get(60, TimeUnit.SECONDS); // waiting for the busy product would time out here
        } finally {
            be.floatGemm.busy.unlock();
            be.doubleGemm.busy.unlock();
            other.shutdownNow();
        }
    }

    @Test
    @DisplayName("four threads multiplying at once on one backend, small and large products, all get them right")
    void concurrentProducts() throws Exception {
        VectorBackend be = new VectorBackend(2);
        int[][] shapes = {{1, 784, 100}, {64, 784, 100}, {512, 100, 200}, {7, 33, 65}, {200, 300, 150}};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        int[] s = shapes[(thread + i) % shapes.length];
                        product(be, i % 3 == 0 ? DType.FLOAT64 : DType.FLOAT32, s[0], s[1], s[2], thread * 100L + i);
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
