package org.nnfs.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's peak float32 multiply-add rate, the yardstick for "% of peak": every thread (one per
 * logical CPU) runs twelve independent chains of fused multiply-adds on registers, enough to cover the
 * FMA latency on every port, with no memory traffic. The score is in FLOP/s (an FMA counts two), summed
 * over threads. The report takes the best of the 256- and 512-bit runs as the peak; the scalar run
 * shows what code that does not vectorise can hope for.
 *
 * <p>On the Vector API incubator module, which every forked benchmark JVM adds ({@link BenchBackends#VECTOR_MODULE}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchBackends.VECTOR_MODULE)
@Threads(Threads.MAX)
public class PeakFmaBenchmark {
    /** Loop trips per invocation. */
    static final int TRIPS = 1024;
    /** Independent accumulator chains. */
    static final int CHAINS = 12;
    /** FLOPs per invocation for one lane: trips × chains × 2. */
    static final int FLOPS_PER_LANE = TRIPS * CHAINS * 2;

    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;

    // Fields, not constants, so the JIT cannot fold the arithmetic away. a = a·m + c converges to 1.
    public float m = 0.999f;
    public float c = 0.001f;

    /** 8 lanes (AVX2-width registers). */
    @Benchmark
    @OperationsPerInvocation(FLOPS_PER_LANE * 8)
    public float vector256() {
        // The same body twice, because the Vector API compiles to registers only when the species is a
        // constant at the call site; passing it to a shared helper boxes every vector.
        FloatVector mv = FloatVector.broadcast(S256, m);
        FloatVector cv = FloatVector.broadcast(S256, c);
        FloatVector a0 = FloatVector.broadcast(S256, 0.0f);
        FloatVector a1 = FloatVector.broadcast(S256, 0.1f);
        FloatVector a2 = FloatVector.broadcast(S256, 0.2f);
        FloatVector a3 = FloatVector.broadcast(S256, 0.3f);
        FloatVector a4 = FloatVector.broadcast(S256, 0.4f);
        FloatVector a5 = FloatVector.broadcast(S256, 0.5f);
        FloatVector a6 = FloatVector.broadcast(S256, 0.6f);
        FloatVector a7 = FloatVector.broadcast(S256, 0.7f);
        FloatVector a8 = FloatVector.broadcast(S256, 0.8f);
        FloatVector a9 = FloatVector.broadcast(S256, 0.9f);
        FloatVector a10 = FloatVector.broadcast(S256, 1.0f);
        FloatVector a11 = FloatVector.broadcast(S256, 1.1f);
        for (int i = 0; i < TRIPS; i++) {
            a0 = a0.fma(mv, cv);
            a1 = a1.fma(mv, cv);
            a2 = a2.fma(mv, cv);
            a3 = a3.fma(mv, cv);
            a4 = a4.fma(mv, cv);
            a5 = a5.fma(mv, cv);
            a6 = a6.fma(mv, cv);
            a7 = a7.fma(mv, cv);
            a8 = a8.fma(mv, cv);
            a9 = a9.fma(mv, cv);
            a10 = a10.fma(mv, cv);
            a11 = a11.fma(mv, cv);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 16 lanes (AVX-512 registers; far slower than 256 where the hardware lacks them). */
    @Benchmark
    @OperationsPerInvocation(FLOPS_PER_LANE * 16)
    public float vector512() {
        FloatVector mv = FloatVector.broadcast(S512, m);
        FloatVector cv = FloatVector.broadcast(S512, c);
        FloatVector a0 = FloatVector.broadcast(S512, 0.0f);
        FloatVector a1 = FloatVector.broadcast(S512, 0.1f);
        FloatVector a2 = FloatVector.broadcast(S512, 0.2f);
        FloatVector a3 = FloatVector.broadcast(S512, 0.3f);
        FloatVector a4 = FloatVector.broadcast(S512, 0.4f);
        FloatVector a5 = FloatVector.broadcast(S512, 0.5f);
        FloatVector a6 = FloatVector.broadcast(S512, 0.6f);
        FloatVector a7 = FloatVector.broadcast(S512, 0.7f);
        FloatVector a8 = FloatVector.broadcast(S512, 0.8f);
        FloatVector a9 = FloatVector.broadcast(S512, 0.9f);
        FloatVector a10 = FloatVector.broadcast(S512, 1.0f);
        FloatVector a11 = FloatVector.broadcast(S512, 1.1f);
        for (int i = 0; i < TRIPS; i++) {
            a0 = a0.fma(mv, cv);
            a1 = a1.fma(mv, cv);
            a2 = a2.fma(mv, cv);
            a3 = a3.fma(mv, cv);
            a4 = a4.fma(mv, cv);
            a5 = a5.fma(mv, cv);
            a6 = a6.fma(mv, cv);
            a7 = a7.fma(mv, cv);
            a8 = a8.fma(mv, cv);
            a9 = a9.fma(mv, cv);
            a10 = a10.fma(mv, cv);
            a11 = a11.fma(mv, cv);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** One lane: {@code Math.fma} on floats, which the JIT turns into scalar FMA instructions. */
    @Benchmark
    @OperationsPerInvocation(FLOPS_PER_LANE)
    public float scalar() {
        float mm = m;
        float cc = c;
        float a0 = 0.0f, a1 = 0.1f, a2 = 0.2f, a3 = 0.3f, a4 = 0.4f, a5 = 0.5f;
        float a6 = 0.6f, a7 = 0.7f, a8 = 0.8f, a9 = 0.9f, a10 = 1.0f, a11 = 1.1f;
        for (int i = 0; i < TRIPS; i++) {
            a0 = Math.fma(a0, mm, cc);
            a1 = Math.fma(a1, mm, cc);
            a2 = Math.fma(a2, mm, cc);
            a3 = Math.fma(a3, mm, cc);
            a4 = Math.fma(a4, mm, cc);
            a5 = Math.fma(a5, mm, cc);
            a6 = Math.fma(a6, mm, cc);
            a7 = Math.fma(a7, mm, cc);
            a8 = Math.fma(a8, mm, cc);
            a9 = Math.fma(a9, mm, cc);
            a10 = Math.fma(a10, mm, cc);
            a11 = Math.fma(a11, mm, cc);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
