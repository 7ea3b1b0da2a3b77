package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

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
 * {@code C = op(A)·op(B)} at each of the MLP's shapes ({@link GemmShape}); the report turns the time into
 * GFLOP/s from the known count {@code 2·m·n·k}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
public class GemmBenchmark {
    @Param({"nd4j", "ojalgo", "vector"})
    public String backend;

    @Param({"float32"})
    public String dtype;

    @Param
    public GemmShape shape;

    private Backend b;
    private Tensor a;
    private Tensor bm;
    private Tensor c;

    @Setup
    public void setUp() {
        b = BenchBackends.open(backend);
        DType t = DType.parse(dtype);
        a = Synthetic.tensor(b, shape.aRows(), shape.aCols(), t, 1);
        bm = Synthetic.tensor(b, shape.bRows(), shape.bCols(), t, 2);
        c = b.zeros(shape.m(), shape.n(), t);
    }

    /** One product; beta = 0, as every GEMM of the network is. */
    @Benchmark
    public Tensor gemm() {
        b.gemm(shape.transA(), shape.transB(), 1, a, bm, 0, c);
        return c;
    }
}
