package org.nnfs.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the report says about the machine: CPU model, logical CPUs, physical cores and the SIMD
 * features that bound GEMM speed. Read from {@code /proc/cpuinfo} where there is one, when the report
 * is generated, which is therefore meant to run on the machine that ran the benchmarks.
 *
 * @param cpu          the CPU model, e.g. {@code AMD EPYC 9R14}
 * @param logicalCpus  processors the JVM sees
 * @param coresPerSocket physical cores per socket as /proc/cpuinfo states them (0 if unknown)
 * @param features     SIMD features relevant to float32 FMA throughput, e.g. {@code avx2 fma avx512f}
 * @param os           operating system and architecture
 */
public record Machine(String cpu, int logicalCpus, int coresPerSocket, String features, String os) {
    private static final List<String> SIMD = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve");

    /** This machine. */
    public static Machine probe() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        int logical = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return new Machine("unknown (no /proc/cpuinfo)", logical, 0, "", os);
        }
        try {
            return fromCpuinfo(Files.readAllLines(cpuinfo), logical, os);
        } catch (IOException e) {
            return new Machine("unknown (" + e.getMessage() + ")", logical, 0, "", os);
        }
    }

    /** Parses the lines of {@code /proc/cpuinfo}. */
    static Machine fromCpuinfo(List<String> lines, int logical, String os) {
        String model = "unknown";
        int cores = 0;
        Set<String> flags = new LinkedHashSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("cpu cores") && cores == 0) {
                cores = Integer.parseInt(value);
            } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                flags.addAll(List.of(value.split("\\s+")));
            }
        }
        List<String> present = new ArrayList<>();
        for (String f : SIMD) {
            if (flags.contains(f)) {
                present.add(f);
            }
        }
        return new Machine(model, logical, cores, String.join(" ", present), os);
    }
}
