package org.nnfs.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import org.nnfs.layer.Parameter;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
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
 * while an iteration runs, this isolates the call, so it names the call that allocates.
 *
 * <pre>
 * java -cp nn-bench/target/benchmarks.jar org.nnfs.bench.AllocationProbe nd4j ojalgo
 * </pre>
 */
public final class AllocationProbe {
    private static final int WARMUP = 3000;
    private static final int CALLS = 2000;

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

        Sequential model = Mlp.build(b, t, 1);
        List<Parameter> params = model.parameters();
        Sgd sgd = new Sgd(0.1);
        Tensor x = b.fromArray(Synthetic.uniform(512 * 784, 0, 1, 10), 512, 784, t);
        Tensor target = Synthetic.oneHot(b, 512, 10, t, 11);
        measure(b, "training step (batch 512)", () -> {
            model.forward(x, true);
            model.backward(loss, target);
            sgd.step(params);
        });
    }

    private static void measure(Backend b, String call, Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            r.run();
        }
        long all = allThreads(mx);
        long caller = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            r.run();
        }
        double perCallAll = (allThreads(mx) - all) / (double) CALLS;
        double perCallCaller = (mx.getCurrentThreadAllocatedBytes() - caller) / (double) CALLS;
        System.out.printf(Locale.ROOT, "%-8s %-34s %14.1f %14.1f%n", b.name(), call, perCallAll, perCallCaller);
    }

    /** Bytes allocated so far by every live thread (threads that ended in between are not counted). */
    private static long allThreads(com.sun.management.ThreadMXBean mx) {
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            if (bytes > 0) {
                sum += bytes;
            }
        }
        return sum;
    }
}
