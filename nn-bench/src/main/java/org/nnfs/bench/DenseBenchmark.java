package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Dense;
import org.nnfs.layer.LayerRunner;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The first layer of the MLP, {@code Dense(784 -> 100)}, forward and backward including its input
 * gradient: three GEMMs ({@code FWD1}, {@code DW1}, {@code DX1}), the bias add and the column sums.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
public class DenseBenchmark {
    /** Outputs of the layer. */
    public static final int UNITS = 100;

    @Param({"nd4j", "ojalgo", "vector"})
    public String backend;

    @Param({"float32"})
    public String dtype;

    @Param({"512"})
    public int batch;

    private LayerRunner dense;
    private Tensor x;
    private Tensor dz;

    @Setup
    public void setUp() {
        Backend b = BenchBackends.open(backend);
        DType t = DType.parse(dtype);
        dense = LayerBench.runner(new Dense(UNITS), b, t, Mlp.inputs(), Initializer.normal(0.1), 1);
        x = Synthetic.tensor(b, batch, Mlp.inputs(), t, 2);
        dz = Synthetic.tensor(b, batch, UNITS, t, 3);
    }

    /** {@code Z = X·W + b}, then {@code dW = Xᵀ·dZ}, {@code db = Σ dZ}, {@code dX = dZ·Wᵀ}. */
    @Benchmark
    public void forwardBackward(Blackhole bh) {
        bh.consume(dense.forward(x, org.nnfs.layer.Mode.TRAINING));
        bh.consume(dense.backward(dz, true));
    }
}
