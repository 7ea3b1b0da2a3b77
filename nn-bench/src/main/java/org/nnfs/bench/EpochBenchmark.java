package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

import org.nnfs.data.Dataset;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.train.FitOptions;
import org.nnfs.train.History;
import org.nnfs.train.Trainer;
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
 * A whole epoch through {@code Trainer.fit}: 60,000 synthetic MNIST-shaped examples, shuffled, batch
 * 512 (117 full batches and one of 96), SGD 0.1, cross-entropy, with the trainer's accuracy count. Each
 * measured iteration is one epoch, timed once ({@code SingleShotTime}); the first iteration is a warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
// Room for the 188 MB training set on the heap and again in the backend.
@Fork(value = 1, jvmArgsAppend = {BenchBackends.VECTOR_MODULE, "-Xmx4g"})
public class EpochBenchmark {
    @Param({"nd4j", "ojalgo", "vector"})
    public String backend;

    @Param({"float32"})
    public String dtype;

    @Param({"512"})
    public int batch;

    /** Examples per epoch; the smoke test lowers it. */
    @Param({"60000"})
    public int examples;

    private Trainer trainer;
    private Dataset train;
    private FitOptions options;

    @Setup
    public void setUp() {
        Backend b = BenchBackends.open(backend);
        DType t = DType.parse(dtype);
        train = Synthetic.mnistLike(b, t, examples, 1);
        trainer = Trainer.builder(Mlp.build(b, t, 1)).optimizer(new Sgd(0.1)).loss(new CrossEntropy()).seed(1).build();
        options = FitOptions.builder().epochs(1).batchSize(batch).build();
    }

    /** Returns the epoch's mean training loss. */
    @Benchmark
    public double epoch() {
        History history = trainer.fit(train, options);
        return history.last().trainLoss();
    }
}
