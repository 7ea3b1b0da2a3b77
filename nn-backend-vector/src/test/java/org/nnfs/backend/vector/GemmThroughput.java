package org.nnfs.backend.vector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Hand-run GEMM throughput (GFLOP/s) at the MNIST MLP's shapes (784-100-200-10, batch 512), on one and on
 * two threads, interleaved. Not a test and not a JMH benchmark (those live in nn-bench): a quick look to
 * tune the blocking and the thread split.
 *
 * <pre>
 * mvn -o -q -B -pl nn-backend-vector -am test-compile
 * java --add-modules jdk.incubator.vector \
 *     -cp nn-backend-vector/target/test-classes:nn-backend-vector/target/classes:nn-core/target/classes \
 *     org.nnfs.backend.vector.GemmThroughput [float32|float64]
 * </pre>
 * About a minute per element type. Runs alternate between the variants, so that load from other
 * processes on a shared machine falls on all alike; with one thread the rate by the thread's CPU time is
 * printed too, which such load cannot lower.
 */
public final class GemmThroughput {
    private static final long WARMUP_NANOS = 400_000_000L;
    private static final long RUN_NANOS = 150_000_000L;
    private static final int RUNS = 7;

    private GemmThroughput() {
    }

    /** One product of the MLP: {@code op(A)[m,k] · op(B)[k,n]}. */
    private record Shape(String label, int m, int k, int n, boolean transA, boolean transB) {
        double flops() {
            return 2.0 * m * k * n;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("fwd1  X·W   (512x784)·(784x100)", 512, 784, 100, false, false),
            new Shape("fwd2  X·W   (512x100)·(100x200)", 512, 100, 200, false, false),
            new Shape("fwd3  X·W   (512x200)·(200x10) ", 512, 200, 10, false, false),
            new Shape("dW1   Xᵀ·dZ (784x512)·(512x100)", 784, 512, 100, true, false),
            new Shape("dW2   Xᵀ·dZ (100x512)·(512x200)", 100, 512, 200, true, false),
            new Shape("dW3   Xᵀ·dZ (200x512)·(512x10) ", 200, 512, 10, true, false),
            new Shape("dX1   dZ·Wᵀ (512x100)·(100x784)", 512, 100, 784, false, true),
            new Shape("dX2   dZ·Wᵀ (512x200)·(200x100)", 512, 200, 100, false, true),
            new Shape("dX3   dZ·Wᵀ (512x10)·(10x200)  ", 512, 10, 200, false, true));

    /** @param args the element type, {@code float32} (default) or {@code float64} */
    public static void main(String[] args) {
        DType dtype = args.length == 0 ? DType.FLOAT32 : DType.parse(args[0]);
        System.out.printf(Locale.ROOT, "%s GEMM GFLOP/s: median (best) of %d interleaved runs of %d ms by the wall"
                + " clock [t=1 also by the thread's CPU time]; %s %s; %d processors; %s%n",
                dtype, RUNS, RUN_NANOS / 1_000_000, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                new VectorBackend(1).description());
        for (Shape s : SHAPES) {
            Map<String, Runnable> variants = new LinkedHashMap<>();
            variants.put("t=1", gemm(s, new VectorBackend(1), dtype));
            variants.put("t=2", gemm(s, new VectorBackend(2), dtype));
            StringBuilder line = new StringBuilder(s.label());
            for (Map.Entry<String, double[][]> r : measure(variants, s.flops()).entrySet()) {
                double[][] x = r.getValue();
                line.append(String.format(Locale.ROOT, "  %s %6.1f (%6.1f)", r.getKey(), x[0][RUNS / 2], x[0][RUNS - 1]));
                if (r.getKey().equals("t=1")) {
                    line.append(String.format(Locale.ROOT, " [%6.1f]", x[1][RUNS / 2]));
                }
            }
            System.out.println(line);
        }
    }

    private static Runnable gemm(Shape s, Backend be, DType dtype) {
        Random g = new Random(42);
        Tensor a = s.transA() ? random(be, s.k(), s.m(), dtype, g) : random(be, s.m(), s.k(), dtype, g);
        Tensor b = s.transB() ? random(be, s.n(), s.k(), dtype, g) : random(be, s.k(), s.n(), dtype, g);
        Tensor c = be.zeros(s.m(), s.n(), dtype);
        return () -> be.gemm(s.transA(), s.transB(), 1, a, b, 0, c);
    }

    /** Per variant, sorted GFLOP/s by wall clock ({@code [0]}) and by this thread's CPU time ({@code [1]}). */
    private static Map<String, double[][]> measure(Map<String, Runnable> variants, double flops) {
        Map<String, double[][]> rates = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> v : variants.entrySet()) {
            timeOnce(v.getValue(), WARMUP_NANOS);
            rates.put(v.getKey(), new double[2][RUNS]);
        }
        for (int r = 0; r < RUNS; r++) {
            for (Map.Entry<String, Runnable> v : variants.entrySet()) {
                double[] perNano = timeOnce(v.getValue(), RUN_NANOS);
                rates.get(v.getKey())[0][r] = flops * perNano[0];
                rates.get(v.getKey())[1][r] = flops * perNano[1];
            }
        }
        for (double[][] x : rates.values()) {
            Arrays.sort(x[0]);
            Arrays.sort(x[1]);
        }
        return rates;
    }

    /** Calls per nanosecond of wall time and of this thread's CPU time, over about {@code nanos}. */
    private static double[] timeOnce(Runnable op, long nanos) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long now;
        int calls = 0;
        do {
            op.run();
            calls++;
            now = System.nanoTime();
        } while (now - start < nanos);
        long cpuNanos = mx.getCurrentThreadCpuTime() - cpu;
        return new double[] {(double) calls / (now - start), (double) calls / cpuNanos};
    }

    private static Tensor random(Backend be, int rows, int cols, DType dtype, Random g) {
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.nextDouble() - 0.5;
        }
        return be.fromArray(x, rows, cols, dtype);
    }
}
