package org.nnfs.backend.nd4j;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * A plain timing harness, run by hand (it is not a test): GEMM throughput at the MLP's shapes with 1 and
 * 2 threads, the cost of ND4J's own {@code Nd4j.gemm} for comparison, and one whole training step.
 * The JMH benchmarks in nn-bench are the careful version; this one decides this module's defaults.
 *
 * <pre>
 * mvn -o -q -B -pl nn-backend-nd4j -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/nd4j.cp
 * java -cp nn-backend-nd4j/target/test-classes:nn-backend-nd4j/target/classes:$(cat /tmp/nd4j.cp) \
 *     org.nnfs.backend.nd4j.GemmThroughput [threads...]     # default: 1 2
 * </pre>
 *
 * Thread counts are interleaved per shape, so that load from other processes hits both alike; each
 * figure is the median of seven samples.
 */
public final class GemmThroughput {
    private static final int SAMPLES = 7;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** {@code C[m,n] = op(A)·op(B)} with inner dimension k; the label says which MLP product it is. */
    private record Shape(String label, int m, int k, int n, boolean transA, boolean transB) {
    }

    private static final Shape[] SHAPES = {
        new Shape("fwd  X·W1      (512x784)(784x100)", 512, 784, 100, false, false),
        new Shape("fwd  H1·W2     (512x100)(100x200)", 512, 100, 200, false, false),
        new Shape("fwd  H2·W3     (512x200)(200x10) ", 512, 200, 10, false, false),
        new Shape("bwd  Xᵀ·dZ1    (784x512)(512x100)", 784, 512, 100, true, false),
        new Shape("bwd  H1ᵀ·dZ2   (100x512)(512x200)", 100, 512, 200, true, false),
        new Shape("bwd  H2ᵀ·dZ3   (200x512)(512x10) ", 200, 512, 10, true, false),
        new Shape("bwd  dZ1·W1ᵀ   (512x100)(100x784)", 512, 100, 784, false, true),
        new Shape("bwd  dZ2·W2ᵀ   (512x200)(200x100)", 512, 200, 100, false, true),
        new Shape("bwd  dZ3·W3ᵀ   (512x10)(10x200)  ", 512, 10, 200, false, true),
    };

    private GemmThroughput() {
    }

    public static void main(String[] args) {
        int[] threads = args.length == 0 ? new int[] {1, 2} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Backend[] backends = new Backend[threads.length];
        for (int i = 0; i < threads.length; i++) {
            backends[i] = Backends.get("nd4j", threads[i]);
        }
        System.out.println("ND4J " + Nd4jBackendProvider.nd4jVersion() + ", BLAS " + Nd4j.factory().blas().getBlasVendor()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores; libnd4j always 1 thread");

        System.out.println("\nBackend.gemm, float32, GFLOP/s (median of " + SAMPLES + ")");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-36s", "product"));
        for (int t : threads) {
            header.append(String.format(Locale.ROOT, " %9s", t + " thr"));
        }
        System.out.println(header);
        double[] totalSeconds = new double[threads.length];
        for (Shape s : SHAPES) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-36s", s.label));
            for (int i = 0; i < threads.length; i++) {
                double sec = timeGemm(backends[i], s);
                totalSeconds[i] += sec;
                line.append(String.format(Locale.ROOT, " %9.1f", 2.0 * s.m * s.n * s.k / sec / 1e9));
            }
            System.out.println(line);
        }
        StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "%-36s", "all nine products, µs"));
        for (double sec : totalSeconds) {
            total.append(String.format(Locale.ROOT, " %9.0f", sec * 1e6));
        }
        System.out.println(total);

        System.out.println("\nOne MLP training step 784-100-200-10, batch 512, float32, µs (median of " + SAMPLES + ")");
        StringBuilder step = new StringBuilder(String.format(Locale.ROOT, "%-36s", "forward + backward + SGD"));
        for (Backend b : backends) {
            step.append(String.format(Locale.ROOT, " %9.0f", timeStep(b) * 1e6));
        }
        System.out.println(step);

        System.out.println("\nThe alternatives to cblas on row-major storage, " + threads[threads.length - 1]
                + " threads: µs per call, heap bytes per call");
        compareWithNd4jGemm(backends[backends.length - 1]);
    }

    private static double timeGemm(Backend b, Shape s) {
        Tensor a = b.zeros(s.transA ? s.k : s.m, s.transA ? s.m : s.k);
        Tensor bb = b.zeros(s.transB ? s.n : s.k, s.transB ? s.k : s.n);
        Tensor c = b.zeros(s.m, s.n);
        b.fill(0.5, a);
        b.fill(0.25, bb);
        return median(() -> b.gemm(s.transA, s.transB, 1, a, bb, 0, c), 2e-2);
    }

    /** Forward with ReLU and softmax, backward, and SGD on all weights: the ops of one real step. */
    private static double timeStep(Backend b) {
        int batch = 512;
        int[] width = {784, 100, 200, 10};
        Tensor x = b.zeros(batch, 784);
        b.fill(0.1, x);
        Tensor[] w = new Tensor[3];
        Tensor[] bias = new Tensor[3];
        Tensor[] z = new Tensor[3];
        Tensor[] h = new Tensor[3];
        Tensor[] dw = new Tensor[3];
        Tensor[] db = new Tensor[3];
        Tensor[] dz = new Tensor[3];
        Tensor[] dh = new Tensor[3];
        for (int l = 0; l < 3; l++) {
            w[l] = b.zeros(width[l], width[l + 1]);
            b.fill(0.01, w[l]);
            bias[l] = b.zeros(1, width[l + 1]);
            z[l] = b.zeros(batch, width[l + 1]);
            h[l] = b.zeros(batch, width[l + 1]);
            dw[l] = b.zeros(width[l], width[l + 1]);
            db[l] = b.zeros(1, width[l + 1]);
            dz[l] = b.zeros(batch, width[l + 1]);
            dh[l] = b.zeros(batch, width[l]);
        }
        Tensor target = b.zeros(batch, 10);
        b.fill(0.1, target);
        Runnable step = () -> {
            Tensor in = x;
            for (int l = 0; l < 3; l++) {
                b.gemm(false, false, 1, in, w[l], 0, z[l]);
                b.addRowVector(z[l], bias[l], z[l]);
                if (l < 2) {
                    b.unary(UnaryOp.RELU, z[l], h[l]);
                } else {
                    b.softmaxRows(z[l], h[l]);
                }
                in = h[l];
            }
            b.binary(org.nnfs.tensor.BinaryOp.SUB, h[2], target, dz[2]); // softmax + cross-entropy: p - y
            for (int l = 2; l >= 0; l--) {
                Tensor input = l == 0 ? x : h[l - 1];
                b.gemm(true, false, 1.0 / batch, input, dz[l], 0, dw[l]);
                b.sumColumns(dz[l], db[l]);
                if (l > 0) {
                    b.gemm(false, true, 1, dz[l], w[l], 0, dh[l]);
                    b.unaryBackward(UnaryOp.RELU, z[l - 1], h[l - 1], dh[l], dz[l - 1]);
                }
                b.axpy(-0.1, dw[l], w[l]);
                b.axpy(-0.1 / batch, db[l], bias[l]);
            }
        };
        return median(step, 5e-2);
    }

    private static void compareWithNd4jGemm(Backend b) {
        Shape s = SHAPES[0];
        Tensor a = b.zeros(s.m, s.k);
        Tensor bb = b.zeros(s.k, s.n);
        Tensor c = b.zeros(s.m, s.n);
        report("Backend.gemm (cblas, row-major)     ", () -> b.gemm(false, false, 1, a, bb, 0, c));
        INDArray af = Nd4j.create(DataType.FLOAT, new long[] {s.m, s.k}, 'f');
        INDArray bf = Nd4j.create(DataType.FLOAT, new long[] {s.k, s.n}, 'f');
        INDArray cf = Nd4j.create(DataType.FLOAT, new long[] {s.m, s.n}, 'f');
        report("Nd4j.gemm, all 'f' order           ", () -> Nd4j.gemm(af, bf, cf, false, false, 1, 0));
        // Row-major C[m,n] is column-major Cᵀ[n,m] = Bᵀ·Aᵀ, and row-major A, B are column-major Aᵀ, Bᵀ.
        INDArray ac = ((Nd4jTensor) a).array();
        INDArray bc = ((Nd4jTensor) bb).array();
        INDArray cc = ((Nd4jTensor) c).array();
        INDArray at = Nd4j.create(ac.data(), new long[] {s.k, s.m}, new long[] {1, s.k}, 0, 'f');
        INDArray bt = Nd4j.create(bc.data(), new long[] {s.n, s.k}, new long[] {1, s.n}, 0, 'f');
        INDArray ct = Nd4j.create(cc.data(), new long[] {s.n, s.m}, new long[] {1, s.n}, 0, 'f');
        report("Nd4j.gemm, 'c' order as Cᵀ = Bᵀ·Aᵀ  ", () -> Nd4j.gemm(bt, at, ct, false, false, 1, 0));
        INDArray a2 = ac.dup('c');
        INDArray b2 = bc.dup('c');
        report("INDArray.mmul (allocates C)         ", () -> a2.mmul(b2));
    }

    private static void report(String label, Runnable r) {
        double sec = median(r, 2e-2);
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100; i++) {
            r.run();
        }
        long bytes = (THREADS.getThreadAllocatedBytes(tid) - before) / 100;
        System.out.printf(Locale.ROOT, "%s %9.1f µs %8d B%n", label, sec * 1e6, bytes);
    }

    /** Median seconds per run over {@link #SAMPLES} samples of about {@code sampleSeconds} each. */
    private static double median(Runnable r, double sampleSeconds) {
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 3 * sampleSeconds * 1e9 || warm < 20) {
            r.run();
            warm++;
        }
        double perRun = (System.nanoTime() - t0) / 1e9 / warm;
        int reps = Math.max(1, (int) (sampleSeconds / perRun));
        double[] samples = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                r.run();
            }
            samples[s] = (System.nanoTime() - start) / 1e9 / reps;
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }
}
