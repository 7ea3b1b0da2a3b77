package org.nnfs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;

/**
 * How inference on one shared model scales with threads: each of 1, 2, 4 threads calls
 * {@code model.predict(features, rows, out)} on the same model (its own input and output arrays) as
 * fast as it can. Backends are made with one kernel thread, so the threads are the only parallelism.
 *
 * <pre>
 * mvn -B -q -pl nn-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar org.nnfs.bench.InferenceScaling \
 *     [--backends nd4j,ojalgo,vector] [--threads 1,2,4] [--rows 1,64] [--runs 5] [--millis 1000]
 * </pre>
 *
 * Thread counts take turns, round after round, so load from other processes falls on all alike; each
 * figure is the median of the runs. Besides calls per second and the speed-up over one thread, it prints
 * the cores the threads actually got (their CPU time over the wall time) and calls per CPU-second. On a
 * machine shared with other work a thread may not get a core, so each run is paired with a control: as
 * many threads spinning on arithmetic of their own, sharing nothing, right after it. The control's cores
 * are what the machine gave that many threads then; "vs control" is the speed-up divided by the
 * control's, 1.0 when inference scales as well as threads that share nothing.
 */
public final class InferenceScaling {

    private InferenceScaling() {
    }

    /** One timed run: calls made, wall time, and the CPU time of the calling threads. */
    private record Run(long calls, long wallNanos, long cpuNanos) {
        double callsPerSecond() {
            return calls * 1e9 / wallNanos;
        }

        double cores() {
            return (double) cpuNanos / wallNanos;
        }

        double callsPerCpuSecond() {
            return calls * 1e9 / cpuNanos;
        }
    }

    /** {@code threads} threads that share nothing, spinning on arithmetic for {@code millis}. */
    private static Run control(int threads, long millis) throws Exception {
        return timed(threads, millis, () -> InferenceScaling::spin);
    }

    private static volatile long sink;

    private static void spin() {
        long x = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }

    /** Arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        List<String> backends = Backends.names();
        int[] threads = {1, 2, 4};
        int[] rows = {1, 64};
        int runs = 5;
        long millis = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--backends" -> backends = List.of(args[i + 1].split(","));
                case "--threads" -> threads = ints(args[i + 1]);
                case "--rows" -> rows = ints(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--millis" -> millis = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%d processors; model 784-100-200-10 float32; median of %d runs of %d ms%n",
                Runtime.getRuntime().availableProcessors(), runs, millis);
        System.out.printf(Locale.ROOT, "%-8s %5s %8s %12s %9s %7s %14s %15s %11s%n", "backend", "rows", "threads",
                "calls/s", "speed-up", "cores", "calls/CPU-s", "control cores", "vs control");
        for (String name : backends) {
            Backend backend = Backends.get(name, 1);
            Sequential model = Mlp.build(backend, DType.FLOAT32, 1);
            for (int r : rows) {
                measure(name, model, r, threads, runs, millis);
            }
        }
        System.exit(0);
    }

    private static void measure(String name, Sequential model, int rows, int[] threads, int runs, long millis)
            throws Exception {
        float[] input = Synthetic.uniform(rows * Mlp.inputs(), 0, 1, 3);
        for (int t : threads) {
            run(model, input, rows, t, millis); // warm-up: JIT, and each thread's pass and buffers
        }
        List<List<Run>> results = new ArrayList<>();
        List<List<Run>> controls = new ArrayList<>();
        for (int t : threads) {
            results.add(new ArrayList<>());
            controls.add(new ArrayList<>());
        }
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < threads.length; i++) {
                results.get(i).add(run(model, input, rows, threads[i], millis));
                controls.get(i).add(control(threads[i], millis));
            }
        }
        double single = median(results.get(0), Run::callsPerSecond);
        double singleControl = median(controls.get(0), Run::cores);
        for (int i = 0; i < threads.length; i++) {
            List<Run> rs = results.get(i);
            double perSecond = median(rs, Run::callsPerSecond);
            double controlCores = median(controls.get(i), Run::cores);
            System.out.printf(Locale.ROOT, "%-8s %5d %8d %12.0f %8.2fx %7.2f %14.0f %15.2f %10.2f%n", name, rows,
                    threads[i], perSecond, perSecond / single, median(rs, Run::cores), median(rs, Run::callsPerCpuSecond),
                    controlCores, perSecond / single / (controlCores / singleControl));
        }
    }

    /** {@code threads} threads calling predict on the shared model, each with its own arrays, for {@code millis}. */
    private static Run run(Sequential model, float[] input, int rows, int threads, long millis) throws Exception {
        return timed(threads, millis, () -> {
            float[] x = input.clone();
            float[] out = new float[rows * Mlp.classes()];
            return () -> model.predict(x, rows, out);
        });
    }

    /**
     * {@code threads} threads, each running the call {@code perThread} makes it (on that thread, before the
     * clock starts) for {@code millis}: how many calls, in what wall time and CPU time.
     */
    private static Run timed(int threads, long millis, Supplier<Runnable> perThread) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] calls = new long[threads];
        long[] cpuNanos = new long[threads];
        long[] deadline = new long[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                Runnable call = perThread.get();
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long cpu0 = cpu.getCurrentThreadCpuTime();
                long n = 0;
                while (System.nanoTime() < deadline[0]) {
                    for (int i = 0; i < 16; i++) {
                        call.run();
                    }
                    n += 16;
                }
                cpuNanos[id] = cpu.getCurrentThreadCpuTime() - cpu0;
                calls[id] = n;
            });
            workers[t].start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + millis * 1_000_000;
        start.await(); // the barrier publishes the deadline
        for (Thread w : workers) {
            w.join();
        }
        long wall = System.nanoTime() - begin;
        return new Run(Arrays.stream(calls).sum(), wall, Arrays.stream(cpuNanos).sum());
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
