package org.nnfs.bench;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The floating-point work of one operation of each benchmark that has a meaningful count (the GEMMs
 * and what is built from them), so the report can show GFLOP/s next to time. Counts are of GEMM work
 * only, {@code 2·m·n·k} per product; the element-wise operations around them are a fraction of a
 * percent and are left out.
 */
public final class Flops {

    private Flops() {
    }

    /**
     * FLOPs of one operation of {@code benchmark} ({@code SimpleClassName.method}) with the given
     * JMH parameters, or empty when the benchmark has no meaningful count.
     */
    public static OptionalDouble perOperation(String benchmark, Map<String, String> params) {
        switch (benchmark) {
            case "GemmBenchmark.gemm":
                return OptionalDouble.of(GemmShape.valueOf(params.get("shape")).flops());
            case "DenseBenchmark.forwardBackward":
                // Z = X·W, dW = Xᵀ·dZ, dX = dZ·Wᵀ: three products of batch × 784 × 100.
                return OptionalDouble.of(3 * 2.0 * intParam(params, "batch") * Mlp.inputs() * DenseBenchmark.UNITS);
            case "TrainingStepBenchmark.step":
            case "TrainingStepBenchmark.stepGemms":
                return OptionalDouble.of(Mlp.stepFlops(intParam(params, "batch")));
            case "InferenceBenchmark.classify":
                return OptionalDouble.of(Mlp.forwardFlops(intParam(params, "rows")));
            case "EpochBenchmark.epoch":
                // Every example passes through one step, whatever the size of the last batch.
                return OptionalDouble.of(Mlp.stepFlops(1) * intParam(params, "examples"));
            default:
                return OptionalDouble.empty();
        }
    }

    private static int intParam(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("benchmark result lacks the parameter '" + name + "': " + params);
        }
        return Integer.parseInt(value);
    }
}
