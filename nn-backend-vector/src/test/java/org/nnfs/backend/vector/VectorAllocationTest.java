package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.data.Dataset;
import org.nnfs.model.Sequential;
import org.nnfs.optim.AdamW;
import org.nnfs.optim.CosineSchedule;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.KernelWorkload;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.BatchProgress;
import org.nnfs.train.BatchTransform;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.FitOptions;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/**
 * The team rule "no allocation per operation once outputs exist", measured with HotSpot's per-thread
 * allocation counters through the public operations (so nn-core's argument checks count too), on the
 * calling thread and on the GEMM's worker threads. The Vector API allocates a box per vector until
 * C2 has compiled a loop, so each measurement follows a long warm-up; what is left must be zero.
 */
class VectorAllocationTest {
    private static final int ROUNDS = 1000;
    private static final int WARMUP = 20_000;
    private static final int WINDOWS = 10;

    private final VectorBackend be = new VectorBackend(2);
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Bytes allocated by the caller and the backend's workers over {@link #ROUNDS} runs of {@code work}, in
     * the best of up to {@link #WINDOWS} windows.
     */
    private long allocatedBy(Runnable work) {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        long[] workers = Workers.ofSize(2).workerIds();
        long[] ids = new long[workers.length + 1];
        System.arraycopy(workers, 0, ids, 1, workers.length);
        ids[0] = Thread.currentThread().getId();
        for (int i = 0; i < WARMUP; i++) {
            work.run(); // class initialisation, first-use buffers and the JIT's warm-up are not per-call costs
        }
        // The least of several windows: an allocation per call shows in every one, while a kernel that C2
        // compiles late (a busy machine delays the compiler threads) shows only in the first.
        long least = Long.MAX_VALUE;
        for (int w = 0; w < WINDOWS && least > 0; w++) {
            long before = total(ids);
            for (int i = 0; i < ROUNDS; i++) {
                work.run();
            }
            least = Math.min(least, total(ids) - before);
        }
        return least;
    }

    private long total(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += threads.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    @Test
    @DisplayName("element-wise, row and column kernels allocate nothing, float32 and float64")
    void kernelsAllocateNothing() {
        for (DType dtype : DType.values()) {
            KernelWorkload work = new KernelWorkload(be, dtype);
            long bytes = allocatedBy(work);
            // 30 operations x 1000 rounds: a single boxed vector per call would show up as megabytes.
            assertTrue(bytes < 4096, dtype + ": " + work.operations() + " operations x " + ROUNDS + " rounds allocated "
                    + bytes + " bytes");
        }
    }

    @Test
    @DisplayName("GEMM allocates nothing, on one thread and split over two, in all transpose cases")
    void gemmAllocatesNothing() {
        for (DType dtype : DType.values()) {
            // 96 x 80 x 70 runs on the caller alone; 160 x 120 x 100 is split over both threads.
            for (int scale = 1; scale <= 2; scale++) {
                int m = scale == 1 ? 96 : 160;
                int k = scale == 1 ? 80 : 120;
                int n = scale == 1 ? 70 : 100;
                Tensor a = be.zeros(m, k, dtype);
                Tensor b = be.zeros(k, n, dtype);
                Tensor at = be.zeros(k, m, dtype);
                Tensor bt = be.zeros(n, k, dtype);
                Tensor c = be.zeros(m, n, dtype);
                long bytes = allocatedBy(() -> {
                    be.gemm(false, false, 1, a, b, 0, c);
                    be.gemm(true, false, 0.5, at, b, 1, c);
                    be.gemm(false, true, 1, a, bt, 0.5, c);
                    be.gemm(true, true, 2, at, bt, 0, c);
                });
                assertTrue(bytes < 4096, dtype + " " + m + "x" + k + "x" + n + " GEMM allocated " + bytes + " bytes in "
                        + 4 * ROUNDS + " calls");
            }
        }
    }

    @Test
    @DisplayName("a training step allocates nothing with the whole training toolkit on: schedule, clipping, "
            + "dropout, a batch transform, a validation split, early stopping")
    void trainingStepWithTheToolkitAllocatesNothing() {
        long[] workers = Workers.ofSize(2).workerIds();
        long[] ids = new long[workers.length + 1];
        System.arraycopy(workers, 0, ids, 1, workers.length);
        ids[0] = Thread.currentThread().getId();
        int rows = 4128;
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[rows * 64];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(10);
            for (int j = 0; j < 64; j++) {
                x[r * 64 + j] = (float) (0.1 * labels[r] * ((j % 10) == labels[r] ? 1 : 0) + random.nextGaussian());
            }
        }
        Dataset data = Dataset.classification(be, DType.FLOAT32, x, rows, 64, labels, 10);
        Sequential model = Sequential.builder(64).dense(48).relu().dropout(0.1).dense(10).softmax().seed(2).build(be);
        // The Vector API boxes until C2 has compiled each kernel's loop, and C2 compiles in the background:
        // on a quiet machine 60 epochs of this small model (about 1 s) could end before it had. So: 200
        // epochs, and 100 steps in each of the last MEASURED epochs, keeping the least. A per-step
        // allocation, or one every 100 steps or more often, shows in every window; JIT warm-up does not.
        int epochs = 200;
        int measured = 20;
        long[] window = new long[2];
        long[] least = {Long.MAX_VALUE};
        int[] windows = {0};
        Trainer trainer = Trainer.builder(model).optimizer(new AdamW(1e-3)).schedule(new CosineSchedule(epochs, 1e-5, 2))
                .clipping(GradientClipping.byNorm(1)).build();
        BatchTransform noise = (features, n, cols, r) -> {
            for (int i = 0; i < n * cols; i++) {
                features[i] += (float) (0.01 * r.nextGaussian());
            }
        };
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() <= epochs - measured) {
                    return;
                }
                if (p.batch() == 10) {
                    window[0] = total(ids);
                } else if (p.batch() == 110) {
                    window[1] = total(ids);
                    least[0] = Math.min(least[0], window[1] - window[0]);
                    windows[0]++;
                }
            }
        };
        trainer.fit(data, FitOptions.builder().epochs(epochs).batchSize(32).validationSplit(0.1)
                .partialBatch(PartialBatch.SCALE).batchTransform(noise).earlyStopping(EarlyStopping.onValidationLoss(epochs))
                .listener(probe).build());
        assertEquals(measured, windows[0], "the probe saw every window");
        assertTrue(least[0] < 4096, "100 training steps allocated at least " + least[0] + " bytes in each of the last "
                + measured + " epochs");
    }
}
