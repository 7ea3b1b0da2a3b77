package org.nnfs.bench.report;

import java.util.List;

/**
 * A part of the report: a group of benchmarks with one table and one chart.
 *
 * @param title      the heading
 * @param intro      what is measured, one or two sentences of Markdown
 * @param benchmarks the benchmarks it shows, {@code SimpleClassName.method}; a name ending in {@code .*}
 *                   takes every method of that class
 * @param chartFile  the PNG's file name
 * @param chartValue what the bars show
 */
record Section(String title, String intro, List<String> benchmarks, String chartFile, ChartValue chartValue) {

    /** What a section's bars show. */
    enum ChartValue {
        /** GEMM work rate in GFLOP/s. */
        GFLOPS("GFLOP/s", 1),
        /** Time per operation in microseconds. */
        MICROSECONDS("µs per operation", 1e6),
        /** Time per operation in seconds. */
        SECONDS("seconds per epoch", 1);

        final String axis;
        final double perSecond;

        ChartValue(String axis, double perSecond) {
            this.axis = axis;
            this.perSecond = perSecond;
        }
    }

    /** Whether this section shows {@code benchmark}. */
    boolean shows(String benchmark) {
        for (String b : benchmarks) {
            if (b.equals(benchmark) || (b.endsWith(".*") && benchmark.startsWith(b.substring(0, b.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Position of {@code benchmark}'s pattern in this section, for ordering tables. */
    int order(String benchmark) {
        for (int i = 0; i < benchmarks.size(); i++) {
            String b = benchmarks.get(i);
            if (b.equals(benchmark) || (b.endsWith(".*") && benchmark.startsWith(b.substring(0, b.length() - 1)))) {
                return i;
            }
        }
        return benchmarks.size();
    }
}
