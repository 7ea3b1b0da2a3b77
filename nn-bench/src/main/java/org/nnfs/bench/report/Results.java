package org.nnfs.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The results of one or more JMH runs ({@code -rf json}), and the JVM they ran on.
 *
 * @param results every result, in file order
 * @param jvm     the benchmark JVM as JMH recorded it, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6 (JMH 1.37)}
 * @param sources the files read
 */
public record Results(List<Result> results, String jvm, List<String> sources) {

    /** Reads and merges JMH JSON files; a later result for the same benchmark and parameters wins. */
    public static Results read(List<Path> files) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Result> byKey = new LinkedHashMap<>();
        String jvm = "";
        List<String> sources = new ArrayList<>();
        for (Path file : files) {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || !root.isArray()) {
                throw new IOException(file + " is not JMH JSON output: expected an array of results (run JMH with -rf json)");
            }
            sources.add(file.getFileName().toString());
            for (JsonNode node : root) {
                Result r = parse(node, file);
                byKey.remove(r.benchmark() + r.mode() + r.params());
                byKey.put(r.benchmark() + r.mode() + r.params(), r);
                if (jvm.isEmpty()) {
                    jvm = node.path("vmName").asText() + " " + node.path("vmVersion").asText()
                            + " (JDK " + node.path("jdkVersion").asText() + ", JMH " + node.path("jmhVersion").asText() + ")";
                }
            }
        }
        return new Results(List.copyOf(byKey.values()), jvm, List.copyOf(sources));
    }

    /** Results of {@code benchmark} ({@code SimpleClassName.method}), in file order. */
    public List<Result> of(String benchmark) {
        List<Result> out = new ArrayList<>();
        for (Result r : results) {
            if (r.benchmark().equals(benchmark)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The result of {@code benchmark} whose parameters include all of {@code params}. */
    public Optional<Result> find(String benchmark, Map<String, String> params) {
        for (Result r : of(benchmark)) {
            if (r.params().entrySet().containsAll(params.entrySet())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static Result parse(JsonNode node, Path file) throws IOException {
        String full = node.path("benchmark").asText();
        int method = full.lastIndexOf('.');
        int type = full.lastIndexOf('.', method - 1);
        if (method < 0 || type < 0) {
            throw new IOException(file + ": unexpected benchmark name '" + full + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            secondary.put(e.getKey(), metric(e.getValue()));
        }
        String settings = node.path("forks").asInt() + " fork, "
                + node.path("warmupIterations").asInt() + " × " + node.path("warmupTime").asText() + " warm-up, "
                + node.path("measurementIterations").asInt() + " × " + node.path("measurementTime").asText() + " measured";
        if ("ss".equals(node.path("mode").asText())) {
            settings = node.path("forks").asInt() + " fork, " + node.path("warmupIterations").asInt()
                    + " warm-up and " + node.path("measurementIterations").asInt() + " measured single runs";
        }
        List<String> jvmArgs = new ArrayList<>();
        node.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        return new Result(full.substring(type + 1), node.path("mode").asText(), node.path("threads").asInt(1),
                Collections.unmodifiableMap(params), metric(node.path("primaryMetric")),
                Collections.unmodifiableMap(secondary), settings, List.copyOf(jvmArgs));
    }

    private static Metric metric(JsonNode node) {
        String unit = node.path("scoreUnit").asText();
        boolean lowerIsBetter = unit.endsWith("/op");
        double best = Double.NaN;
        for (JsonNode fork : node.path("rawData")) {
            for (JsonNode iteration : fork) {
                double v = number(iteration);
                if (Double.isNaN(best) || (lowerIsBetter ? v < best : v > best)) {
                    best = v;
                }
            }
        }
        return new Metric(number(node.path("score")), number(node.path("scoreError")), unit, best);
    }

    /** JMH writes a missing error as the string {@code "NaN"}. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
