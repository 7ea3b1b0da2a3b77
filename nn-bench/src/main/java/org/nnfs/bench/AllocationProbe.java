package org.nnfs.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import org.nnfs.layer.Mode;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Heap bytes allocated per call of each operation of a training step, and per whole step, measured
 * with the JVM's per-thread allocation counters over every live thread (a backend's worker threads
 * included) after a warm-up. Unlike {@code -prof gc}, which also counts what JMH's own threads allocate
 * while an iteration runs, this isolates the call, so it names the call that allocates. The first row,
 * an empty call, is the probe's own cost (its bookkeeping spread over the calls); a worker thread that
 * ends during a measurement takes its count with it, so "all" can read a little low then.
 *
 * <pre>
 * java -cp nn-bench/target/benchmarks.jar org.nnfs.bench.AllocationProbe nd4j ojalgo
 * </pre>
 */
public final class AllocationProbe {
    // Long enough for C2 to compile the hot path with escape analysis (what steady state means here).
    private static final int MIN_CALLS = 200;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 1_000_000_000L;

    private AllocationProbe() {
    }

    /** Arguments: backend names (default: every registered backend). */
    public static void main(String[] args) {
        List<String> names = args.length > 0 ? List.of(args) : org.nnfs.tensor.Backends.names();
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
            System.err.println("This JVM does not count allocated bytes per thread; use -prof gc instead.");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "%-8s %-34s %14s %14s%n", "backend", "call", "B/call (all)", "B/call (caller)");
        for (String name : names) {
            probe(BenchBackends.open(name));
        }
        System.exit(0); // backends may keep non-daemon pool threads alive
    }

    private static void probe(Backend b) {
        DType t = DType.FLOAT32;
        measure(b, "nothing (the probe's own cost)", () -> { });
        for (GemmShape s : GemmShape.values()) {
            Tensor a = Synthetic.tensor(b, s.aRows(), s.aCols(), t, 1);
            Tensor bm = Synthetic.tensor(b, s.bRows(), s.bCols(), t, 2);
            Tensor c = b.zeros(s.m(), s.n(), t);
            measure(b, "gemm " + s, () -> b.gemm(s.transA(), s.transB(), 1, a, bm, 0, c));
        }
        Tensor h = Synthetic.tensor(b, 512, 100, t, 3);
        Tensor h2 = b.zeros(512, 100, t);
        Tensor dh = Synthetic.tensor(b, 512, 100, t, 4);
        Tensor bias = b.zeros(1, 100, t);
        Tensor logits = Synthetic.tensor(b, 512, 10, t, 5);
        Tensor p = Synthetic.probabilities(b, 512, 10, t, 6);
        Tensor y = Synthetic.oneHot(b, 512, 10, t, 7);
        Tensor g = b.zeros(512, 10, t);
        Tensor w = Synthetic.tensor(b, 784, 100, t, 8);
        Tensor dw = Synthetic.tensor(b, 784, 100, t, 9);
        int[] classes = new int[512];
        CrossEntropy loss = new CrossEntropy();
        measure(b, "addRowVector [512,100]", () -> b.addRowVector(h, bias, h2));
        measure(b, "unary RELU [512,100]", () -> b.unary(UnaryOp.RELU, h, h2));
        measure(b, "unaryBackward RELU [512,100]", () -> b.unaryBackward(UnaryOp.RELU, h, h2, dh, dh));
        measure(b, "sumColumns [512,100]", () -> b.sumColumns(dh, bias));
        measure(b, "softmaxRows [512,10]", () -> b.softmaxRows(logits, g));
        measure(b, "argmaxRows [512,10]", () -> b.argmaxRows(p, classes));
        measure(b, "binary SUB [512,10]", () -> b.binary(BinaryOp.SUB, p, y, g));
        measure(b, "crossEntropy.softmaxGradient", () -> loss.softmaxGradient(p, y, g));
        measure(b, "axpy [784,100]", () -> b.axpy(1e-9, dw, w));

        Tensor x = b.fromArray(Synthetic.uniform(512 * 784, 0, 1, 10), 512, 784, t);
        Tensor target = Synthetic.oneHot(b, 512, 10, t, 11);
        for (String[] hidden : new String[][] {{"relu", "none"}, {"leaky_relu", "none"}, {"gelu", "none"},
            {"relu", "batch_norm"}, {"relu", "layer_norm"}}) {
            Sequential model = Mlp.build(b, t, 1, hidden[0], hidden[1]);
            List<Parameter> params = model.parameters();
            Sgd sgd = new Sgd(0.1);
            OptimizerState sgdState = sgd.newState(params.stream().map(Parameter::value).toList());
            String name = "training step, " + hidden[0] + (hidden[1].equals("none") ? "" : " + " + hidden[1]);
            measure(b, name, () -> {
                model.forward(x, Mode.TRAINING);
                model.backward(loss, target);
                sgd.step(params, sgdState);
            });
        }
    }

    private static void measure(Backend b, String call, Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        repeat(r, WARMUP_NANOS);
        long[] ids = mx.getAllThreadIds();
        long[] before = mx.getThreadAllocatedBytes(ids);
        long caller = mx.getCurrentThreadAllocatedBytes();
        long calls = repeat(r, MEASURE_NANOS);
        double perCallAll = allocatedSince(mx, ids, before) / (double) calls;
        double perCallCaller = (mx.getCurrentThreadAllocatedBytes() - caller) / (double) calls;
        System.out.printf(Locale.ROOT, "%-8s %-34s %14.1f %14.1f%n", b.name(), call, perCallAll, perCallCaller);
    }

    /** Runs {@code r} at least {@link #MIN_CALLS} times and for at least {@code nanos}; returns the count. */
    private static long repeat(Runnable r, long nanos) {
        long start = System.nanoTime();
        long calls = 0;
        while (calls < MIN_CALLS || System.nanoTime() - start < nanos) {
            r.run();
            calls++;
        }
        return calls;
    }

    /** Bytes allocated by every live thread since {@code before} was read for {@code ids}; new threads count whole. */
    private static long allocatedSince(com.sun.management.ThreadMXBean mx, long[] ids, long[] before) {
        long[] nowIds = mx.getAllThreadIds();
        long[] now = mx.getThreadAllocatedBytes(nowIds);
        long sum = 0;
        for (int i = 0; i < nowIds.length; i++) {
            if (now[i] < 0) {
                continue; // ended while being read
            }
            long start = 0;
            for (int j = 0; j < ids.length; j++) {
                if (ids[j] == nowIds[i]) {
                    start = Math.max(before[j], 0);
                    break;
                }
            }
            sum += now[i] - start;
        }
        return sum;
    }
}
