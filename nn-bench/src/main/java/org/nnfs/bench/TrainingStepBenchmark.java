package org.nnfs.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
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
 * One training step of the original network, 784-100-200-10, SGD 0.1, cross-entropy (or, with the
 * {@code activation} and {@code normalization} parameters, the same widths with other hidden layers): forward,
 * {@code model.backward(loss, y)}, {@code optimizer.step(parameters, state)}. The batch is fixed (gathering is
 * measured by {@code OpsBenchmark.gatherRows}); run with {@code -prof gc} it shows whether a step
 * allocates on the Java heap.
 *
 * <p>{@link #stepGemms} runs just the step's eight products back to back at the same shapes, so the
 * cost of everything else in a step (element-wise work, loss, update, layer bookkeeping) is the
 * difference of two numbers measured side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
public class TrainingStepBenchmark {
    @Param({"nd4j", "ojalgo", "vector"})
    public String backend;

    @Param({"float32"})
    public String dtype;

    @Param({"512"})
    public int batch;

    /** The hidden layers' activation, by registered name ({@code -p activation=gelu,leaky_relu}). */
    @Param({"relu"})
    public String activation;

    /** A normalization layer before each hidden activation: {@code none}, {@code batch_norm} or {@code layer_norm}. */
    @Param({"none"})
    public String normalization;

    private Sequential model;
    private List<Parameter> parameters;
    private Sgd optimizer;
    private OptimizerState optimizerState;
    private CrossEntropy loss;
    private Tensor x;
    private Tensor y;
    private GemmShape[] shapes;
    private Tensor[][] operands;
    private Backend b;

    @Setup
    public void setUp() {
        b = BenchBackends.open(backend);
        DType t = DType.parse(dtype);
        model = Mlp.build(b, t, 1, activation, normalization);
        parameters = model.parameters();
        optimizer = new Sgd(0.1);
        optimizerState = optimizer.newState(parameters.stream().map(Parameter::value).toList());
        loss = new CrossEntropy();
        x = b.fromArray(Synthetic.uniform(batch * Mlp.inputs(), 0, 1, 2), batch, Mlp.inputs(), t);
        y = Synthetic.oneHot(b, batch, Mlp.classes(), t, 3);
        shapes = Arrays.stream(GemmShape.values()).filter(GemmShape::inTrainingStep).toArray(GemmShape[]::new);
        operands = new Tensor[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            GemmShape s = shapes[i];
            operands[i] = new Tensor[] {
                Synthetic.tensor(b, s.aRows(batch), s.aCols(batch), t, 10 + i),
                Synthetic.tensor(b, s.bRows(batch), s.bCols(batch), t, 20 + i),
                b.zeros(s.m(batch), s.n(), t)};
        }
    }

    /** Returns the batch loss, which depends on every product of the step. */
    @Benchmark
    public double step() {
        model.forward(x, org.nnfs.layer.Mode.TRAINING);
        double value = model.backward(loss, y);
        optimizer.step(parameters, optimizerState);
        return value;
    }

    /** The step's eight GEMMs alone: the forward products, every dW, and dX of layers 2 and 3. */
    @Benchmark
    public Tensor stepGemms() {
        Tensor last = null;
        for (int i = 0; i < shapes.length; i++) {
            Tensor[] o = operands[i];
            b.gemm(shapes[i].transA(), shapes[i].transB(), 1, o[0], o[1], 0, o[2]);
            last = o[2];
        }
        return last;
    }
}
