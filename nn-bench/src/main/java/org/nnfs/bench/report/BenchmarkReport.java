package org.nnfs.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.nnfs.bench.GemmShape;
import org.nnfs.bench.report.Section.ChartValue;

/**
 * Turns JMH's JSON results into {@code benchmarks.md} and PNG bar charts.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff results.json
 * java -cp nn-bench/target/benchmarks.jar org.nnfs.bench.Report results.json [more.json ...] docs/ [--note "text"]
 * </pre>
 *
 * Several JSON files are merged (a later result for the same benchmark and parameters wins), so the
 * headline benchmarks, the peak probe and a {@code -prof gc} run can come from separate runs. GFLOP/s
 * come from the known FLOP counts ({@link org.nnfs.bench.Flops}); "% of peak" divides by the best
 * {@code PeakFmaBenchmark} vector result in the same files (halved for float64).
 */
public final class BenchmarkReport {
    /** The Markdown file written into the output directory. */
    public static final String MARKDOWN = "benchmarks.md";
    /** Training-step target on nd4j at batch 512, float32, in milliseconds. */
    static final double STEP_TARGET_MS = 3.0;
    /** Target for a training step's time over the sum of its eight GEMMs on the same backend. */
    static final double OVERHEAD_TARGET = 1.3;
    /**
     * Heap bytes per step below which a step counts as allocation-free under {@code -prof gc}: a few
     * small objects at most. The profiler counts every thread, and JMH's own threads allocate a few
     * KB/s while an iteration runs, which at a few milliseconds per step is tens of bytes per step;
     * {@code AllocationProbe} measures the calls alone.
     */
    static final double NO_ALLOCATION_BYTES = 64;

    static final List<Section> SECTIONS = List.of(
            new Section("GEMM at the MLP's shapes",
                    "`C = op(A)·op(B)` with beta = 0 at the nine products of the 784-100-200-10 network at batch 512: "
                            + "forward `Z = X·W`, and backward `dW = Xᵀ·dZ`, `dX = dZ·Wᵀ` (the three transpose cases). "
                            + "A training step runs all but `DX1`. GFLOP/s = 2·m·n·k / time.",
                    List.of("GemmBenchmark.gemm"), "bench-gemm.png", ChartValue.GFLOPS),
            new Section("Other SPI operations at training sizes",
                    "Bias add, ReLU and column sums on the first hidden layer `[512, 100]`; softmax, argmax and the fused "
                            + "cross-entropy gradient on the output `[512, 10]`; the SGD update of `W1 [784, 100]`; "
                            + "a gather of 512 shuffled rows of 784 from a 60,000-row set.",
                    List.of("OpsBenchmark.*"), "bench-ops.png", ChartValue.MICROSECONDS),
            new Section("Layer, training step and inference",
                    "`Dense(784 → 100)` forward and backward with its input gradient (three GEMMs); one training step of "
                            + "784-100-200-10 (forward, `model.backward(loss, y)`, `optimizer.step`, SGD 0.1, cross-entropy); "
                            + "the step's eight GEMMs alone, back to back at the same shapes; `model.classify` of 10,000 rows. "
                            + "GFLOP/s count the GEMM work only.",
                    List.of("DenseBenchmark.forwardBackward", "TrainingStepBenchmark.step", "TrainingStepBenchmark.stepGemms",
                            "InferenceBenchmark.classify"),
                    // GFLOP/s, not time: a step, a layer and 10,000 inferences differ by decades in time.
                    "bench-model.png", ChartValue.GFLOPS),
            new Section("A whole epoch",
                    "`Trainer.fit` for one epoch of 60,000 synthetic MNIST-shaped examples, shuffled, batch 512, "
                            + "including batch gathering and the accuracy count; each measured iteration is one epoch.",
                    List.of("EpochBenchmark.epoch"), "bench-epoch.png", ChartValue.SECONDS));

    private static final List<String> PEAK_VARIANTS = List.of("PeakFmaBenchmark.vector512",
            "PeakFmaBenchmark.vector256", "PeakFmaBenchmark.scalar");

    private final Results results;
    private final Machine machine;
    private final String note;
    private final OptionalDouble peak;

    private BenchmarkReport(Results results, Machine machine, String note) {
        this.results = results;
        this.machine = machine;
        this.note = note;
        this.peak = peakFlops(results);
    }

    /** Reads {@code inputs}, writes the Markdown and the charts into {@code outDir}, returns the files written. */
    public static List<Path> generate(List<Path> inputs, Path outDir, String note, Machine machine) throws IOException {
        BenchmarkReport report = new BenchmarkReport(Results.read(inputs), machine, note);
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        report.header(md);
        report.targets(md);
        if (!note.isBlank()) {
            md.append('\n').append(note.strip()).append('\n');
        }
        report.peakSection(md);
        for (Section s : SECTIONS) {
            List<Result> rows = report.rows(s);
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(s.title()).append("\n\n").append(s.intro()).append("\n\n");
            md.append(report.table(s, rows));
            md.append("\nJMH: ").append(String.join("; ", settings(rows))).append(".\n");
            Chart chart = report.chart(s, rows);
            if (!chart.isEmpty()) {
                Path png = outDir.resolve(s.chartFile());
                chart.save(png);
                written.add(png);
                md.append("\n![").append(s.title()).append("](").append(s.chartFile()).append(")\n");
            }
        }
        Path file = outDir.resolve(MARKDOWN);
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        written.add(0, file);
        return written;
    }

    private void header(StringBuilder md) {
        md.append("# Benchmarks\n\n");
        md.append("Generated by `org.nnfs.bench.Report` from ").append(String.join(", ", quoted(results.sources())))
                .append("; do not edit by hand. Synthetic, seeded data; every backend computes the same numbers.\n\n");
        md.append("```\n")
                .append("mvn -o -q -B -pl nn-bench -am package -DskipTests\n")
                .append("java -jar nn-bench/target/benchmarks.jar <regex> -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff results.json\n")
                .append("java -cp nn-bench/target/benchmarks.jar org.nnfs.bench.Report results.json docs/\n")
                .append("```\n\n");
        md.append("## Machine\n\n");
        MarkdownTable t = new MarkdownTable().column("", false).column("", false);
        t.row(List.of("CPU", machine.cpu()));
        t.row(List.of("Logical CPUs", machine.logicalCpus() + (machine.coresPerSocket() > 0
                ? " (/proc/cpuinfo: " + machine.coresPerSocket() + " cores per socket)" : "")));
        t.row(List.of("SIMD", machine.features().isEmpty() ? "–" : machine.features()));
        t.row(List.of("OS", machine.os()));
        t.row(List.of("Benchmark JVM", results.jvm()));
        t.row(List.of("JVM arguments", jvmArguments()));
        t.row(List.of("Peak float32 FMA", peak.isPresent()
                ? Units.format(peak.getAsDouble() / 1e9) + " GFLOP/s (PeakFmaBenchmark, all logical CPUs; see below)"
                : "not measured (run PeakFmaBenchmark); no \"% of peak\" column"));
        md.append(t.render());
        md.append("\nThe CPU lines are read from /proc/cpuinfo when the report is generated; generate it on the "
                + "machine that ran the benchmarks. Backends use their default thread count (all logical CPUs). "
                + "In the tables, *score* is JMH's mean with its 99.9% error, *best* the best single iteration; "
                + "GFLOP/s and % of peak are computed from the mean. Targets are judged on the mean.\n");
    }

    /** Each distinct argument list of the forked JVMs and the benchmark classes that ran with it. */
    private String jvmArguments() {
        Map<List<String>, Set<String>> classes = new LinkedHashMap<>();
        for (Result r : results.results()) {
            String type = r.benchmark().substring(0, r.benchmark().indexOf('.'));
            classes.computeIfAbsent(r.jvmArgs(), k -> new LinkedHashSet<>()).add(type);
        }
        if (classes.size() == 1) {
            List<String> only = classes.keySet().iterator().next();
            return only.isEmpty() ? "none" : "`" + String.join(" ", only) + "`";
        }
        List<String> parts = new ArrayList<>();
        classes.forEach((args, types) -> parts.add((args.isEmpty() ? "none" : "`" + String.join(" ", args) + "`")
                + " (" + String.join(", ", types) + ")"));
        return String.join("; ", parts);
    }

    private void targets(StringBuilder md) {
        MarkdownTable t = new MarkdownTable().column("target", false).column("backend", false)
                .column("measured", true).column("goal", true).column("met", false);
        Map<String, String> f32 = Map.of("dtype", "float32", "batch", "512");
        Optional<Result> nd4jStep = results.find("TrainingStepBenchmark.step", with(f32, "backend", "nd4j"));
        nd4jStep.ifPresent(r -> {
            double ms = r.secondsPerOp() * 1e3;
            double best = Units.secondsPerOp(r.primary().best(), r.primary().unit()) * 1e3;
            t.row(List.of("training step, batch 512, float32", "nd4j",
                    Units.format(ms) + " ms (best iteration " + Units.format(best) + " ms)",
                    "≤ " + Units.format(STEP_TARGET_MS) + " ms", ms <= STEP_TARGET_MS ? "yes" : "**no**"));
        });
        for (Result step : results.of("TrainingStepBenchmark.step")) {
            if (!step.params().entrySet().containsAll(f32.entrySet())) {
                continue;
            }
            OptionalDouble separate = gemmSeconds(step.backend(), "float32", false);
            if (separate.isPresent()) {
                overhead(t, "training step ÷ Σ of its 8 GEMM benchmarks", step, separate.getAsDouble(),
                        gemmSeconds(step.backend(), "float32", true).getAsDouble());
            }
            Optional<Result> together = results.find("TrainingStepBenchmark.stepGemms", step.params());
            if (together.isPresent()) {
                overhead(t, "training step ÷ its 8 GEMMs back to back", step, together.get().secondsPerOp(),
                        bestSeconds(together.get()));
            }
        }
        for (Result step : results.of("TrainingStepBenchmark.step")) {
            OptionalDouble bytes = step.allocatedBytesPerOp();
            if (bytes.isPresent()) {
                t.row(List.of("heap allocation per training step (-prof gc)", step.backend() + " " + step.param("dtype"),
                        Units.format(bytes.getAsDouble()) + " B/op", "≈ 0 (< " + (int) NO_ALLOCATION_BYTES + " B/op, harness included)",
                        bytes.getAsDouble() < NO_ALLOCATION_BYTES ? "yes" : "**no**"));
            }
        }
        String rendered = t.render();
        if (rendered.split("\n").length > 2) {
            md.append("\n## Targets\n\n").append(rendered);
        }
    }

    /** A row comparing a step's time with the time of its GEMMs; the goal applies to ojAlgo. */
    private static void overhead(MarkdownTable t, String what, Result step, double gemmSeconds, double gemmBest) {
        double ratio = step.secondsPerOp() / gemmSeconds;
        boolean hasGoal = step.backend().equals("ojalgo");
        t.row(List.of(what, step.backend(),
                String.format(Locale.ROOT, "%.2f× (%s ms / %s ms; best iterations %.2f×)", ratio,
                        Units.format(step.secondsPerOp() * 1e3), Units.format(gemmSeconds * 1e3),
                        bestSeconds(step) / gemmBest),
                hasGoal ? "≤ " + OVERHEAD_TARGET + "×" : "–", hasGoal ? (ratio <= OVERHEAD_TARGET ? "yes" : "**no**") : "–"));
    }

    /** The best iteration of a time-per-operation result, in seconds. */
    private static double bestSeconds(Result r) {
        return Units.secondsPerOp(r.primary().best(), r.primary().unit());
    }

    /** Sum of the eight training-step GEMMs on {@code backend} (means or best iterations), if all were measured. */
    private OptionalDouble gemmSeconds(String backend, String dtype, boolean best) {
        double sum = 0;
        for (GemmShape shape : GemmShape.values()) {
            if (!shape.inTrainingStep()) {
                continue;
            }
            Optional<Result> r = results.find("GemmBenchmark.gemm",
                    Map.of("backend", backend, "dtype", dtype, "shape", shape.name()));
            if (r.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += best ? bestSeconds(r.get()) : r.get().secondsPerOp();
        }
        return OptionalDouble.of(sum);
    }

    private void peakSection(StringBuilder md) {
        MarkdownTable t = new MarkdownTable().column("probe", false).column("threads", true)
                .column("GFLOP/s", true).column("±", true).column("GFLOP/s per thread", true);
        boolean any = false;
        for (String name : PEAK_VARIANTS) {
            for (Result r : results.of(name)) {
                any = true;
                double g = r.opsPerSecond() / 1e9;
                double e = Units.opsPerSecond(r.primary().error(), r.primary().unit()) / 1e9;
                t.row(List.of(name.substring(name.indexOf('.') + 1), Integer.toString(r.threads()), Units.format(g),
                        Units.format(e), Units.format(g / r.threads())));
            }
        }
        if (!any) {
            return;
        }
        md.append("\n## Peak float32 FMA\n\n")
                .append("`PeakFmaBenchmark`: one thread per logical CPU, each running twelve independent chains of fused "
                        + "multiply-adds on registers (Vector API, `jdk.incubator.vector`), no memory traffic; an FMA counts "
                        + "two FLOPs. The best vector result is the \"peak\" of the other tables (halved for float64). "
                        + "`scalar` is the same with `Math.fma` on single floats.\n\n")
                .append(t.render());
    }

    private List<Result> rows(Section s) {
        // Order: the section's benchmark order, then parameter combinations as first seen, then backend name.
        Map<String, Integer> combos = new LinkedHashMap<>();
        List<Result> rows = new ArrayList<>();
        for (Result r : results.results()) {
            if (s.shows(r.benchmark())) {
                rows.add(r);
                combos.putIfAbsent(r.benchmark() + withoutBackend(r), combos.size());
            }
        }
        rows.sort((a, b) -> {
            int c = Integer.compare(s.order(a.benchmark()), s.order(b.benchmark()));
            if (c == 0) {
                c = Integer.compare(combos.get(a.benchmark() + withoutBackend(a)), combos.get(b.benchmark() + withoutBackend(b)));
            }
            return c != 0 ? c : a.backend().compareTo(b.backend());
        });
        return rows;
    }

    private String table(Section s, List<Result> rows) {
        Set<String> params = new LinkedHashSet<>();
        boolean flops = false;
        boolean alloc = false;
        for (Result r : rows) {
            for (String p : r.params().keySet()) {
                if (!p.equals("backend")) {
                    params.add(p);
                }
            }
            flops |= r.gflops().isPresent();
            alloc |= r.allocatedBytesPerOp().isPresent();
        }
        boolean named = s.benchmarks().size() > 1 || s.benchmarks().get(0).endsWith(".*");
        MarkdownTable t = new MarkdownTable();
        if (named) {
            t.column("benchmark", false);
        }
        for (String p : params) {
            t.column(p, false);
            if (p.equals("shape")) {
                t.column("product", false);
            }
        }
        t.column("backend", false).column("score", true).column("±", true).column("best", true).column("unit", false);
        if (flops) {
            t.column("GFLOP/s", true);
            if (peak.isPresent()) {
                t.column("% of peak", true);
            }
        }
        if (alloc) {
            t.column("heap B/op", true);
        }
        for (Result r : rows) {
            List<String> cells = new ArrayList<>();
            if (named) {
                cells.add(label(r));
            }
            for (String p : params) {
                String v = r.params().getOrDefault(p, "");
                cells.add(v);
                if (p.equals("shape")) {
                    cells.add(v.isEmpty() ? "" : GemmShape.valueOf(v).describe());
                }
            }
            cells.add(r.backend());
            cells.add(Units.format(r.primary().score()));
            cells.add(Units.format(r.primary().error()));
            cells.add(Units.format(r.primary().best()));
            cells.add(r.primary().unit());
            if (flops) {
                OptionalDouble g = r.gflops();
                cells.add(g.isPresent() ? Units.format(g.getAsDouble()) : "");
                if (peak.isPresent()) {
                    cells.add(g.isPresent() ? String.format(Locale.ROOT, "%.1f%%",
                            100 * g.getAsDouble() * 1e9 / peakFor(r)) : "");
                }
            }
            if (alloc) {
                OptionalDouble b = r.allocatedBytesPerOp();
                cells.add(b.isPresent() ? Units.format(b.getAsDouble()) : "");
            }
            t.row(cells);
        }
        return t.render();
    }

    /** The peak for a result's element type: SIMD FMA units do half as many float64 lanes. */
    private double peakFor(Result r) {
        return "float64".equals(r.param("dtype")) ? peak.getAsDouble() / 2 : peak.getAsDouble();
    }

    private Chart chart(Section s, List<Result> rows) {
        ChartValue v = s.chartValue();
        Chart chart = new Chart(s.title(), v.axis);
        Set<String> varying = varyingParams(rows);
        for (Result r : rows) {
            StringBuilder category = new StringBuilder(r.benchmark().equals("GemmBenchmark.gemm") ? r.param("shape") : label(r));
            for (String p : varying) {
                if (!p.equals("shape") && r.params().containsKey(p)) {
                    category.append(' ').append(p).append('=').append(r.param(p));
                }
            }
            double value;
            if (v == ChartValue.GFLOPS) {
                OptionalDouble g = r.gflops();
                if (g.isEmpty()) {
                    continue;
                }
                value = g.getAsDouble();
            } else {
                value = r.secondsPerOp() * v.perSecond;
            }
            chart.add(r.backend(), category.toString(), value);
        }
        return chart;
    }

    /** Non-backend parameters that take more than one value among {@code rows}. */
    private static Set<String> varyingParams(List<Result> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Result r : rows) {
            r.params().forEach((k, val) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(val));
        }
        Set<String> out = new LinkedHashSet<>();
        values.forEach((k, vals) -> {
            if (!k.equals("backend") && vals.size() > 1) {
                out.add(k);
            }
        });
        return out;
    }

    /** A reader's name for a benchmark. */
    static String label(Result r) {
        switch (r.benchmark()) {
            case "DenseBenchmark.forwardBackward": return "Dense 784→100 fwd+bwd";
            case "TrainingStepBenchmark.step": return "training step";
            case "TrainingStepBenchmark.stepGemms": return "the step's 8 GEMMs";
            case "InferenceBenchmark.classify": return "classify " + r.params().getOrDefault("rows", "") + " rows";
            case "EpochBenchmark.epoch": return "epoch";
            default: return r.benchmark().substring(r.benchmark().indexOf('.') + 1);
        }
    }

    /** The best vector FMA rate of the peak probe, in FLOP/s, if the results hold one. */
    static OptionalDouble peakFlops(Results results) {
        double best = Double.NaN;
        for (String name : PEAK_VARIANTS) {
            if (name.endsWith("scalar")) {
                continue;
            }
            for (Result r : results.of(name)) {
                double f = r.opsPerSecond();
                if (Double.isNaN(best) || f > best) {
                    best = f;
                }
            }
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private static List<String> settings(List<Result> rows) {
        Set<String> s = new LinkedHashSet<>();
        for (Result r : rows) {
            s.add(r.settings());
        }
        return List.copyOf(s);
    }

    private static String withoutBackend(Result r) {
        Map<String, String> p = new LinkedHashMap<>(r.params());
        p.remove("backend");
        return p.toString();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static List<String> quoted(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("`" + n + "`");
        }
        return out;
    }
}
