package org.nnfs.bench.report;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.nnfs.bench.Flops;

/**
 * One benchmark result from JMH's JSON: a benchmark method with one combination of parameters.
 *
 * @param benchmark   {@code SimpleClassName.method}, e.g. {@code GemmBenchmark.gemm}
 * @param mode        JMH's mode: {@code avgt}, {@code thrpt}, {@code ss}, {@code sample}
 * @param threads     threads that ran it
 * @param params      the JMH parameters, in declaration order
 * @param primary     the score
 * @param secondary   secondary metrics by name, e.g. {@code gc.alloc.rate.norm} from {@code -prof gc}
 * @param settings    how it was run, e.g. {@code 1 fork, 3 × 1 s warm-up, 5 × 1 s measured}
 * @param jvmArgs     the arguments of the JVM it ran in
 */
public record Result(String benchmark, String mode, int threads, Map<String, String> params, Metric primary,
                     Map<String, Metric> secondary, String settings, List<String> jvmArgs) {

    /** Name of the secondary metric {@code -prof gc} reports for heap bytes allocated per operation. */
    public static final String ALLOCATION = "gc.alloc.rate.norm";

    /** The {@code backend} parameter, or empty for benchmarks of the machine itself. */
    public String backend() {
        return params.getOrDefault("backend", "");
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    /** Seconds per operation, for time-based modes; {@code NaN} for throughput. */
    public double secondsPerOp() {
        return Units.secondsPerOp(primary.score(), primary.unit());
    }

    /** Operations per second, whatever the mode. */
    public double opsPerSecond() {
        double s = secondsPerOp();
        return Double.isNaN(s) ? Units.opsPerSecond(primary.score(), primary.unit()) : 1 / s;
    }

    /** GEMM work per second in GFLOP/s, when the benchmark has a FLOP count. */
    public OptionalDouble gflops() {
        OptionalDouble flops = Flops.perOperation(benchmark, params);
        return flops.isPresent() ? OptionalDouble.of(flops.getAsDouble() * opsPerSecond() / 1e9) : OptionalDouble.empty();
    }

    /** Heap bytes allocated per operation, when run with {@code -prof gc}. */
    public OptionalDouble allocatedBytesPerOp() {
        Metric m = secondary.get(ALLOCATION);
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.score());
    }
}
