package org.nnfs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, in this JVM, for 50 ms on every backend, with the big data sets shrunk:
 * proof that each one sets up, runs and produces a finite score, not a measurement. Real runs use the
 * benchmarks jar (see docs/benchmarks.md) and stay out of the build.
 */
class SmokeTest {
    private static final List<String> BACKENDS = List.of("nd4j", "ojalgo", "vector");

    @Test
    void everyBenchmarkRunsOnEveryBackendAndScoresFinite() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^org\\.nnfs\\.bench\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("backend", BACKENDS.toArray(new String[0]))
                .param("sourceRows", "2048")  // gather: not 60,000 rows
                .param("examples", "1100")    // epoch: two full batches of 512 and one of 76
                .param("rows", "1500")        // inference: a full 1,024-row chunk and a partial one
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> seen = new HashSet<>();
        Map<String, Set<String>> shapes = Map.of("nd4j", new TreeSet<>(), "ojalgo", new TreeSet<>(), "vector", new TreeSet<>());
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            assertTrue(Double.isFinite(score) && score > 0, name + " " + r.getParams() + " scored " + score);
            String backend = r.getParams().getParam("backend");
            seen.add(name + (backend == null ? "" : " " + backend));
            if (name.endsWith("GemmBenchmark.gemm")) {
                shapes.get(backend).add(r.getParams().getParam("shape"));
            }
        }

        Set<BenchmarkListEntry> declared = BenchmarkList.defaultList().getAll(null, List.of());
        assertFalse(declared.isEmpty(), "no benchmarks in META-INF/BenchmarkList");
        for (BenchmarkListEntry e : declared) {
            boolean perBackend = e.getParams().hasValue() && e.getParams().get().containsKey("backend");
            for (String backend : perBackend ? BACKENDS : List.of("")) {
                String key = e.getUsername() + (backend.isEmpty() ? "" : " " + backend);
                assertTrue(seen.contains(key), "no result for " + key + "; got " + new TreeSet<>(seen));
            }
        }
        Set<String> all = new TreeSet<>();
        for (GemmShape s : GemmShape.values()) {
            all.add(s.name());
        }
        for (String backend : BACKENDS) {
            assertEquals(all, shapes.get(backend), backend);
        }
    }
}
