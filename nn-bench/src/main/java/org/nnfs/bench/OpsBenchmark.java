package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

import org.nnfs.loss.CrossEntropy;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SPI's other operations at the sizes a training step at batch 512 uses them: the first hidden
 * layer's {@code [512, 100]} for bias, ReLU and column sums, the output's {@code [512, 10]} for softmax,
 * argmax and the loss, the first weight matrix {@code [784, 100]} for the SGD update, and a mini-batch
 * gather of 512 shuffled rows of 784 pixels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
public class OpsBenchmark {
    static final int BATCH = 512;
    static final int HIDDEN = 100;

    /** Buffers of a training step's sizes on one backend. */
    @State(Scope.Thread)
    public static class Buffers {
        @Param({"nd4j", "ojalgo", "vector"})
        public String backend;

        @Param({"float32"})
        public String dtype;

        Backend b;
        Tensor hidden;
        Tensor bias;
        Tensor hiddenOut;
        Tensor hiddenGrad;
        Tensor hiddenInGrad;
        Tensor columnSums;
        Tensor logits;
        Tensor probabilities;
        Tensor targets;
        Tensor outputGrad;
        Tensor weights;
        Tensor weightGrads;
        int[] classes;
        CrossEntropy loss;
        double step = 0.1;

        @Setup
        public void setUp() {
            b = BenchBackends.open(backend);
            DType t = DType.parse(dtype);
            hidden = Synthetic.tensor(b, BATCH, HIDDEN, t, 1);
            bias = Synthetic.tensor(b, 1, HIDDEN, t, 2);
            hiddenOut = b.zeros(BATCH, HIDDEN, t);
            b.unary(UnaryOp.RELU, hidden, hiddenOut);
            hiddenGrad = Synthetic.tensor(b, BATCH, HIDDEN, t, 3);
            hiddenInGrad = b.zeros(BATCH, HIDDEN, t);
            columnSums = b.zeros(1, HIDDEN, t);
            logits = Synthetic.tensor(b, BATCH, Mlp.classes(), t, 4);
            probabilities = Synthetic.probabilities(b, BATCH, Mlp.classes(), t, 5);
            targets = Synthetic.oneHot(b, BATCH, Mlp.classes(), t, 6);
            outputGrad = b.zeros(BATCH, Mlp.classes(), t);
            weights = Synthetic.tensor(b, Mlp.inputs(), HIDDEN, t, 7);
            weightGrads = Synthetic.tensor(b, Mlp.inputs(), HIDDEN, t, 8);
            classes = new int[BATCH];
            loss = new CrossEntropy();
        }
    }

    /**
     * A 60,000 × 784 training set (its own state, so that only the gather benchmark pays for it) and
     * a shuffled order to draw batches from.
     */
    @State(Scope.Thread)
    public static class GatherSource {
        @Param({"nd4j", "ojalgo", "vector"})
        public String backend;

        @Param({"float32"})
        public String dtype;

        /** Rows of the source; the smoke test lowers it. */
        @Param({"60000"})
        public int sourceRows;

        Backend b;
        Tensor source;
        Tensor batch;
        int[] order;
        int offset;

        @Setup
        public void setUp() {
            b = BenchBackends.open(backend);
            DType t = DType.parse(dtype);
            source = b.fromArray(Synthetic.uniform(sourceRows * Mlp.inputs(), 0, 1, 9), sourceRows, Mlp.inputs(), t);
            batch = b.zeros(Math.min(BATCH, sourceRows), Mlp.inputs(), t);
            order = Synthetic.permutation(sourceRows, 10);
        }
    }

    /** {@code Z + b}: the bias of the first layer. */
    @Benchmark
    public Tensor biasAdd(Buffers s) {
        s.b.addRowVector(s.hidden, s.bias, s.hiddenOut);
        return s.hiddenOut;
    }

    /** {@code H = relu(Z)}. */
    @Benchmark
    public Tensor reluForward(Buffers s) {
        s.b.unary(UnaryOp.RELU, s.hidden, s.hiddenOut);
        return s.hiddenOut;
    }

    /** {@code dZ = dH · relu'(Z)}. */
    @Benchmark
    public Tensor reluBackward(Buffers s) {
        s.b.unaryBackward(UnaryOp.RELU, s.hidden, s.hiddenOut, s.hiddenGrad, s.hiddenInGrad);
        return s.hiddenInGrad;
    }

    /** {@code db = Σ_rows dZ}: the bias gradient. */
    @Benchmark
    public Tensor sumColumns(Buffers s) {
        s.b.sumColumns(s.hiddenGrad, s.columnSums);
        return s.columnSums;
    }

    /** Row-wise softmax of the output logits. */
    @Benchmark
    public Tensor softmaxRows(Buffers s) {
        s.b.softmaxRows(s.logits, s.probabilities);
        return s.probabilities;
    }

    /** The predicted class of each row (the trainer's accuracy count). */
    @Benchmark
    public int[] argmaxRows(Buffers s) {
        s.b.argmaxRows(s.probabilities, s.classes);
        return s.classes;
    }

    /** Cross-entropy fused with softmax: the loss and {@code (p - y) / n}, as {@code Sequential.backward} calls it. */
    @Benchmark
    public double crossEntropy(Buffers s) {
        return s.loss.softmaxGradient(s.probabilities, s.targets, s.outputGrad);
    }

    /** The SGD update {@code W -= 0.1 · dW} of the first layer. */
    @Benchmark
    public Tensor sgdUpdate(Buffers s) {
        // Alternating the sign keeps the weights bounded however many times this runs.
        s.step = -s.step;
        s.b.axpy(s.step, s.weightGrads, s.weights);
        return s.weights;
    }

    /** Mini-batch assembly: 512 shuffled rows of 784 features. */
    @Benchmark
    public Tensor gatherRows(GatherSource s) {
        if (s.offset + s.batch.rows() > s.order.length) {
            s.offset = 0;
        }
        s.b.gatherRows(s.source, s.order, s.offset, s.batch);
        s.offset += s.batch.rows();
        return s.batch;
    }
}
