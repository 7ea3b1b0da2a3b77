package org.nnfs.backend.ojalgo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.ojalgo.matrix.operation.MultiplyBoth;
import org.ojalgo.matrix.operation.MultiplyLeft;
import org.ojalgo.matrix.operation.MultiplyNeither;
import org.ojalgo.matrix.operation.MultiplyRight;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * Hand-run GEMM throughput (GFLOP/s) at the MNIST MLP's shapes (784-100-200-10, batch 512), comparing the
 * backend's GEMM with the other ways of driving ojAlgo that were considered. Not a test and not a JMH
 * benchmark (those live in nn-bench): a quick, honest look to choose a layout and a thread default.
 *
 * <pre>
 * mvn -o -q -B -pl nn-backend-ojalgo -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/oj.cp
 * java -cp nn-backend-ojalgo/target/test-classes:nn-backend-ojalgo/target/classes:$(cat /tmp/oj.cp) \
 *     org.nnfs.backend.ojalgo.GemmThroughput [THREADS... | threads]
 * </pre>
 * About two and a half minutes for the default {@code 1 2}; {@code threads} (backend only, 1 against 2
 * threads, interleaved) takes half a minute.
 *
 * Variants, for {@code C = op(A)·op(B)} with tensors row-major and ojAlgo stores column-major:
 * <ul>
 * <li>{@code backend}: this module's GEMM: each store holds its tensor's transpose, and per case it picks
 *     one of the next three forms (see {@link OjAlgoGemm}).</li>
 * <li>{@code backend f64}: the same on {@code R064Store}, for scale (ojAlgo has hand-unrolled double
 *     kernels for products of at most 10 rows, which the 10-unit layer's forward product hits).</li>
 * <li>{@code Cᵀ view}: the backend's layout, always forming Cᵀ, a transposed operand passed as a view.</li>
 * <li>{@code Cᵀ+copy}: the same, but a transposed operand first copied into a preallocated store so that
 *     ojAlgo always runs its all-physical kernel (copy time included).</li>
 * <li>{@code C+transpose}: the backend's layout, but C formed column-major (one operand a view) into
 *     scratch and then transposed into the tensor.</li>
 * <li>{@code natural}: each store shaped like its tensor ({@code [m,n]} as {@code [m,n]}), {@code C = op(A)·op(B)},
 *     transposed operands as views.</li>
 * <li>{@code natural+copy}: the natural layout with transposed operands copied first.</li>
 * </ul>
 * Every way into ojAlgo's products ({@code multiply(right, target)}, {@code premultiply(left).supplyTo(target)})
 * ends in {@code target.fillByMultiplying(left, right)}, so only layout, views and threads are worth
 * comparing; {@code multiply(right)} allocates its result and is not an option.
 */
public final class GemmThroughput {
    private static final long WARMUP_NANOS = 300_000_000L;
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

    /**
     * @param args thread counts to compare all variants at (default {@code 1 2}); or {@code threads} to
     *             compare only the backend at 1 and 2 threads, interleaved, which is how the default
     *             thread count was chosen
     */
    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "GEMM GFLOP/s: median (best) of %d interleaved runs of %d ms by the wall clock"
                + " [with 1 thread also the median by the thread's CPU time, which other processes' load cannot"
                + " inflate]; %s; %d processors%n",
                RUNS, RUN_NANOS / 1_000_000, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (args.length == 1 && args[0].equals("threads")) {
            for (Shape s : SHAPES) {
                Map<String, Runnable> variants = new LinkedHashMap<>();
                variants.put("backend t=1", backendGemm(s, 1, DType.FLOAT32, new Random(42)));
                variants.put("backend t=2", backendGemm(s, 2, DType.FLOAT32, new Random(42)));
                print(s.label(), measure(variants, 0, s.flops()), false);
            }
            return;
        }
        int[] threadCounts = args.length == 0 ? new int[] {1, 2} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (Shape s : SHAPES) {
            for (int threads : threadCounts) {
                Map<String, Runnable> variants = variants(s, threads);
                Map<String, double[][]> rates = measure(variants, threads, s.flops());
                // After the timing, so that scratch allocation and the JIT's warm-up are not counted.
                long bytes = allocatedPerCall(variants.get("backend"));
                print(String.format(Locale.ROOT, "%s  t=%d  (backend allocates %d B/call)", s.label(), threads, bytes),
                        rates, threads == 1);
            }
        }
    }

    private static void print(String label, Map<String, double[][]> rates, boolean withCpu) {
        StringBuilder line = new StringBuilder(label);
        for (Map.Entry<String, double[][]> r : rates.entrySet()) {
            double[][] x = r.getValue();
            line.append(String.format(Locale.ROOT, "  %s %5.2f (%5.2f)", r.getKey(), x[0][RUNS / 2], x[0][RUNS - 1]));
            if (withCpu) {
                line.append(String.format(Locale.ROOT, " [%5.2f]", x[1][RUNS / 2]));
            }
        }
        System.out.println(line);
    }

    /** The backend's own GEMM for shape {@code s}. */
    private static Runnable backendGemm(Shape s, int threads, DType dtype, Random g) {
        Backend be = new OjAlgoBackendProvider().create(threads);
        Tensor a = s.transA() ? random(be, s.k(), s.m(), dtype, g) : random(be, s.m(), s.k(), dtype, g);
        Tensor b = s.transB() ? random(be, s.n(), s.k(), dtype, g) : random(be, s.k(), s.n(), dtype, g);
        Tensor c = be.zeros(s.m(), s.n(), dtype);
        return () -> be.gemm(s.transA(), s.transB(), 1, a, b, 0, c);
    }

    /**
     * Per variant, sorted GFLOP/s by wall clock ({@code [0]}) and by this thread's CPU time ({@code [1]}).
     * Runs are interleaved (every variant once per round) so that load from other processes on a shared
     * machine falls on all variants alike.
     */
    private static Map<String, double[][]> measure(Map<String, Runnable> variants, int threads, double flops) {
        Map<String, double[][]> rates = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> v : variants.entrySet()) {
            prepare(v.getKey(), threads);
            timeOnce(v.getValue(), WARMUP_NANOS);
            rates.put(v.getKey(), new double[2][RUNS]);
        }
        for (int r = 0; r < RUNS; r++) {
            for (Map.Entry<String, Runnable> v : variants.entrySet()) {
                prepare(v.getKey(), threads);
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

    /** The backend sets ojAlgo's thread count before each product; the raw-ojAlgo variants need it by hand. */
    private static void prepare(String variant, int threads) {
        if (!variant.startsWith("backend")) {
            setOjAlgoThreads(threads);
        }
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

    private static Map<String, Runnable> variants(Shape s, int threads) {
        Random g = new Random(42);
        Map<String, Runnable> v = new LinkedHashMap<>();
        v.put("backend", backendGemm(s, threads, DType.FLOAT32, g));
        v.put("backend f64", backendGemm(s, threads, DType.FLOAT64, g));
        int m = s.m();
        int k = s.k();
        int n = s.n();
        // S(X) is X's store in the backend's layout: column-major, shaped like Xᵀ.
        R032Store sa = s.transA() ? store(m, k, g) : store(k, m, g);
        R032Store sb = s.transB() ? store(k, n, g) : store(n, k, g);
        if (s.transA() || s.transB()) {
            // The backend's layout, Cᵀ = op(B)ᵀ·op(A)ᵀ with every transposed operand a view.
            MatrixStore<Double> left = s.transB() ? sb.transpose() : sb;
            MatrixStore<Double> right = s.transA() ? sa.transpose() : sa;
            R032Store ct = R032Store.FACTORY.make(n, m);
            v.put("Cᵀ view", () -> ct.fillByMultiplying(left, right));
        }
        if (s.transA() || s.transB()) {
            // The backend's layout with the transposed operand copied: Cᵀ = S(B)·S(A) in every case.
            R032Store copyA = R032Store.FACTORY.make(k, m);
            R032Store copyB = R032Store.FACTORY.make(n, k);
            R032Store ct = R032Store.FACTORY.make(n, m);
            v.put("Cᵀ+copy", () -> {
                MatrixStore<Double> left = sb;
                MatrixStore<Double> right = sa;
                if (s.transA()) {
                    FloatEpilogue.transpose(sa.data, k, m, 1, 0, copyA.data);
                    right = copyA;
                }
                if (s.transB()) {
                    FloatEpilogue.transpose(sb.data, n, k, 1, 0, copyB.data);
                    left = copyB;
                }
                ct.fillByMultiplying(left, right);
            });
        }
        if (s.transA() != s.transB()) {
            // The backend's layout, but C computed (column-major) and then transposed into Cᵀ:
            // P = op(A)·op(B) = (transA ? S(A) : S(A)ᵀ)·(transB ? S(B) : S(B)ᵀ), one side a view.
            MatrixStore<Double> opA = s.transA() ? sa : sa.transpose();
            MatrixStore<Double> opB = s.transB() ? sb : sb.transpose();
            R032Store p = R032Store.FACTORY.make(m, n);
            R032Store ct = R032Store.FACTORY.make(n, m);
            v.put("C+transpose", () -> {
                p.fillByMultiplying(opA, opB);
                FloatEpilogue.transpose(p.data, n, m, 1, 0, ct.data);
            });
        }
        // The natural layout: store [rows, cols] per tensor, C = op(A)·op(B).
        R032Store na = s.transA() ? store(k, m, g) : store(m, k, g);
        R032Store nb = s.transB() ? store(n, k, g) : store(k, n, g);
        MatrixStore<Double> naOp = s.transA() ? na.transpose() : na;
        MatrixStore<Double> nbOp = s.transB() ? nb.transpose() : nb;
        R032Store nc = R032Store.FACTORY.make(m, n);
        v.put("natural", () -> nc.fillByMultiplying(naOp, nbOp));
        if (s.transA() || s.transB()) {
            R032Store copyA = R032Store.FACTORY.make(m, k);
            R032Store copyB = R032Store.FACTORY.make(k, n);
            v.put("natural+copy", () -> {
                MatrixStore<Double> left = na;
                MatrixStore<Double> right = nb;
                if (s.transA()) {
                    // column-major [k,m] is row-major [m,k]; its transpose, row-major [k,m], is column-major [m,k]
                    FloatEpilogue.transpose(na.data, m, k, 1, 0, copyA.data);
                    left = copyA;
                }
                if (s.transB()) {
                    FloatEpilogue.transpose(nb.data, k, n, 1, 0, copyB.data);
                    right = copyB;
                }
                nc.fillByMultiplying(left, right);
            });
        }
        return v;
    }

    private static void setOjAlgoThreads(int threads) {
        IntSupplier p = () -> threads;
        MultiplyNeither.PARALLELISM = p;
        MultiplyLeft.PARALLELISM = p;
        MultiplyRight.PARALLELISM = p;
        MultiplyBoth.PARALLELISM = p;
    }

    private static Tensor random(Backend be, int rows, int cols, DType dtype, Random g) {
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.nextDouble() - 0.5;
        }
        return be.fromArray(x, rows, cols, dtype);
    }

    private static R032Store store(int rows, int cols, Random g) {
        R032Store s = R032Store.FACTORY.make(rows, cols);
        for (int i = 0; i < s.data.length; i++) {
            s.data[i] = g.nextFloat() - 0.5f;
        }
        return s;
    }

    /** Bytes the calling thread allocates per call (ojAlgo's worker threads are not counted). */
    private static long allocatedPerCall(Runnable op) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int calls = 20;
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            op.run();
        }
        return (mx.getThreadAllocatedBytes(id) - before) / calls;
    }
}
