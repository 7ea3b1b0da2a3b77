package org.nnfs.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * A quick, hand-run look at GEMM throughput while tuning a backend (the JMH benchmarks are the careful
 * measurement): the MLP's nine products ({@link GemmShape}) on each backend and thread count, the
 * products' total, one training step made of the backend's operations, and with {@code --alternatives}
 * the other ways of driving ND4J and ojAlgo that those backends' designs were chosen against (see
 * {@link OjAlgoAlternatives}, {@link Nd4jAlternatives}).
 *
 * <pre>
 * mvn -B -q -pl nn-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar org.nnfs.bench.GemmThroughput \
 *     [--backends nd4j,ojalgo,vector] [--threads 1,2] [--dtype float32,float64] [--alternatives]
 * </pre>
 *
 * For each product every variant (a backend at a thread count, or an alternative) is timed in turn,
 * round after round, so that load from other processes on a shared machine falls on all alike. A rate is
 * the median (and the best) of {@value #RUNS} runs of {@value #RUN_MILLIS} ms, in GFLOP/s by the wall
 * clock; for single-threaded variants also by the calling thread's CPU time, in brackets, which such load
 * cannot lower. Then the heap bytes a call allocates on the calling thread (worker threads not counted).
 */
public final class GemmThroughput {
    private static final int RUNS = 7;
    private static final long RUN_MILLIS = 150;
    private static final long WARMUP_MILLIS = 400;

    private GemmThroughput() {
    }

    private static final Runnable NOTHING = () -> { };

    /** Something to time: its label, the call, how many threads it uses, and what to run before it. */
    private record Variant(String label, Runnable call, int threads, Runnable prepare) {
        static Variant of(String label, Runnable call, int threads) {
            return new Variant(label, call, threads, NOTHING);
        }
    }

    /** Sorted rates by the wall clock ({@code [0]}) and by the calling thread's CPU time ({@code [1]}). */
    private record Rates(double[] wall, double[] cpu) {
        double median(double[] r) {
            return r[RUNS / 2];
        }

        double best(double[] r) {
            return r[RUNS - 1];
        }
    }

    /** A backend at a thread count, with the element type its tensors get. */
    private record Subject(String label, Backend backend, DType dtype) {
    }

    /** See the class comment for the options; {@code --help} prints them. */
    public static void main(String[] args) {
        List<String> backends = Backends.names();
        int[] threads = {1, 2};
        List<DType> dtypes = List.of(DType.FLOAT32);
        boolean alternatives = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--backends": backends = List.of(value(args, ++i).split(",")); break;
                    case "--threads": threads = Arrays.stream(value(args, ++i).split(",")).mapToInt(Integer::parseInt)
                            .toArray(); break;
                    case "--dtype": dtypes = Arrays.stream(value(args, ++i).split(",")).map(DType::parse).toList();
                        break;
                    case "--alternatives": alternatives = true; break;
                    case "--help": usage(); return;
                    default: throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage();
            System.exit(2);
        }
        List<Subject> subjects = new ArrayList<>();
        for (String name : backends) {
            for (int t : threads) {
                Backend b = Backends.get(name, t);
                for (DType d : dtypes) {
                    subjects.add(new Subject(name + " t=" + t + (dtypes.size() > 1 ? " " + d : ""), b, d));
                }
            }
        }
        run(subjects, alternatives);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value.");
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: GemmThroughput [--backends " + String.join(",", Backends.names())
                + "] [--threads 1,2] [--dtype float32,float64] [--alternatives]");
    }

    private static void run(List<Subject> subjects, boolean alternatives) {
        System.out.printf(Locale.ROOT, "GEMM, GFLOP/s: median (best) of %d interleaved runs of %d ms by the wall "
                + "clock [single-threaded: by CPU time]; %s %s; %d processors%n", RUNS, RUN_MILLIS,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        subjects.forEach(x -> System.out.println("  " + x.label() + ": " + x.backend().description()));

        Map<String, Double> totalSeconds = new LinkedHashMap<>();
        for (GemmShape shape : GemmShape.values()) {
            List<Variant> variants = new ArrayList<>();
            for (Subject x : subjects) {
                variants.add(Variant.of(x.label(), gemm(x.backend(), shape, x.dtype()), x.backend().threads()));
            }
            if (alternatives) {
                for (Subject x : subjects) {
                    variants.addAll(alternatives(x, shape));
                }
            }
            System.out.println();
            System.out.println(shape.describe());
            Map<Variant, Rates> rates = measure(variants, shape.flops());
            for (Variant v : variants) {
                Rates r = rates.get(v);
                String cpu = v.threads() == 1
                        ? String.format(Locale.ROOT, " [%6.1f]", r.median(r.cpu())) : "         ";
                System.out.printf(Locale.ROOT, "  %-30s %6.1f (%6.1f)%s  %8d B/call%n", v.label(),
                        r.median(r.wall()), r.best(r.wall()), cpu, allocatedPerCall(v));
                if (v.prepare() == NOTHING) {
                    totalSeconds.merge(v.label(), shape.flops() / (r.median(r.wall()) * 1e9), Double::sum);
                }
            }
        }

        System.out.println();
        System.out.println("All nine products, µs (sum of the medians); one training step of the 784-100-200-10 MLP,"
                + " batch " + GemmShape.BATCH + ", in the backend's own operations (eight of the products, all but "
                + GemmShape.DX1.describe() + "), µs (median)");
        List<Variant> steps = new ArrayList<>();
        for (Subject x : subjects) {
            steps.add(Variant.of(x.label(), trainingStep(x.backend(), x.dtype()), x.backend().threads()));
        }
        Map<Variant, Rates> stepRates = measure(steps, 1); // calls per ns
        for (Variant v : steps) {
            Rates r = stepRates.get(v);
            System.out.printf(Locale.ROOT, "  %-30s products %8.0f   step %8.0f%n", v.label(),
                    totalSeconds.get(v.label()) * 1e6, 1e-3 / r.median(r.wall()));
        }
    }

    /** The alternatives to a backend's own GEMM at its thread count, for the libraries that have some. */
    private static List<Variant> alternatives(Subject x, GemmShape shape) {
        Backend b = x.backend();
        if (x.dtype() != DType.FLOAT32) {
            return List.of(); // the alternatives were weighed for training, in float32
        }
        Map<String, Runnable> calls;
        switch (b.name()) {
            case "ojalgo": calls = OjAlgoAlternatives.of(shape); break;
            case "nd4j": calls = Nd4jAlternatives.of(shape); break;
            default: return List.of();
        }
        // A 1x1 product on the backend sets the library's process-wide thread count to the backend's.
        Tensor one = b.zeros(1, 1);
        Tensor result = b.zeros(1, 1);
        Runnable threads = () -> b.gemm(false, false, 1, one, one, 0, result);
        List<Variant> out = new ArrayList<>();
        calls.forEach((label, call) -> out.add(new Variant(x.label() + " " + label, call, b.threads(), threads)));
        return out;
    }

    /** {@code C = op(A)·op(B)} on {@code b} at {@code shape}, beta = 0 as in training. */
    private static Runnable gemm(Backend b, GemmShape shape, DType dtype) {
        Tensor a = Synthetic.tensor(b, shape.aRows(), shape.aCols(), dtype, 1);
        Tensor bm = Synthetic.tensor(b, shape.bRows(), shape.bCols(), dtype, 2);
        Tensor c = b.zeros(shape.m(), shape.n(), dtype);
        return () -> b.gemm(shape.transA(), shape.transB(), 1, a, bm, 0, c);
    }

    /**
     * One step of the MLP in the backend's own operations (no layers, so it measures the backend alone):
     * forward with ReLU and softmax, the softmax-cross-entropy gradient {@code P - Y}, backward, and SGD.
     */
    private static Runnable trainingStep(Backend b, DType dtype) {
        int batch = GemmShape.BATCH;
        int[] width = {784, 100, 200, 10};
        Tensor x = Synthetic.tensor(b, batch, width[0], dtype, 1);
        Tensor target = Synthetic.oneHot(b, batch, width[3], dtype, 2);
        Tensor[] w = new Tensor[3];
        Tensor[] bias = new Tensor[3];
        Tensor[] z = new Tensor[3];
        Tensor[] h = new Tensor[3];
        Tensor[] dw = new Tensor[3];
        Tensor[] db = new Tensor[3];
        Tensor[] dz = new Tensor[3];
        Tensor[] dh = new Tensor[3];
        for (int l = 0; l < 3; l++) {
            w[l] = Synthetic.tensor(b, width[l], width[l + 1], dtype, 10 + l);
            b.scale(0.1, w[l], w[l]);
            bias[l] = b.zeros(1, width[l + 1], dtype);
            z[l] = b.zeros(batch, width[l + 1], dtype);
            h[l] = b.zeros(batch, width[l + 1], dtype);
            dw[l] = b.zeros(width[l], width[l + 1], dtype);
            db[l] = b.zeros(1, width[l + 1], dtype);
            dz[l] = b.zeros(batch, width[l + 1], dtype);
            dh[l] = b.zeros(batch, width[l], dtype);
        }
        return () -> {
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
            b.binary(BinaryOp.SUB, h[2], target, dz[2]);
            for (int l = 2; l >= 0; l--) {
                b.gemm(true, false, 1.0 / batch, l == 0 ? x : h[l - 1], dz[l], 0, dw[l]);
                b.sumColumns(dz[l], db[l]);
                if (l > 0) {
                    b.gemm(false, true, 1, dz[l], w[l], 0, dh[l]);
                    b.unaryBackward(UnaryOp.RELU, z[l - 1], h[l - 1], dh[l], dz[l - 1]);
                }
                b.axpy(-0.1, dw[l], w[l]);
                b.axpy(-0.1 / batch, db[l], bias[l]);
            }
        };
    }

    /** Each variant warmed up, then timed once per round for {@link #RUNS} rounds; rates are {@code work} per ns. */
    private static Map<Variant, Rates> measure(List<Variant> variants, double work) {
        Map<Variant, Rates> rates = new LinkedHashMap<>();
        for (Variant v : variants) {
            v.prepare().run();
            timeOnce(v.call(), WARMUP_MILLIS);
            rates.put(v, new Rates(new double[RUNS], new double[RUNS]));
        }
        for (int r = 0; r < RUNS; r++) {
            for (Variant v : variants) {
                v.prepare().run();
                double[] perNano = timeOnce(v.call(), RUN_MILLIS);
                rates.get(v).wall()[r] = work * perNano[0];
                rates.get(v).cpu()[r] = work * perNano[1];
            }
        }
        for (Rates x : rates.values()) {
            Arrays.sort(x.wall());
            Arrays.sort(x.cpu());
        }
        return rates;
    }

    /** Calls per nanosecond of wall time and of this thread's CPU time, over about {@code millis}. */
    private static double[] timeOnce(Runnable call, long millis) {
        var mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long now;
        int calls = 0;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now - start < millis * 1_000_000);
        long cpuNanos = Math.max(1, mx.getCurrentThreadCpuTime() - cpu);
        return new double[] {(double) calls / (now - start), (double) calls / cpuNanos};
    }

    /** Heap bytes the calling thread allocates per call, after the timing has warmed the call up. */
    private static long allocatedPerCall(Variant v) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int calls = 20;
        v.prepare().run();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            v.call().run();
        }
        return (mx.getThreadAllocatedBytes(id) - before) / calls;
    }
}
