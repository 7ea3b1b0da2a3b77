package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

import org.nnfs.model.Sequential;
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

/** Classifying a test set's worth of examples (10,000 rows) with {@code model.classify}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
public class InferenceBenchmark {
    @Param({"nd4j", "ojalgo", "vector"})
    public String backend;

    @Param({"float32"})
    public String dtype;

    @Param({"10000"})
    public int rows;

    private Sequential model;
    private Tensor input;

    @Setup
    public void setUp() {
        Backend b = BenchBackends.open(backend);
        DType t = DType.parse(dtype);
        model = Mlp.build(b, t, 1);
        input = b.fromArray(Synthetic.uniform(rows * Mlp.inputs(), 0, 1, 2), rows, Mlp.inputs(), t);
    }

    /** The class of every row. */
    @Benchmark
    public int[] classify() {
        return model.classify(input);
    }
}
