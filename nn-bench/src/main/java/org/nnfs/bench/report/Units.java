package org.nnfs.bench.report;

import java.util.Locale;

/** Converts JMH's score units ({@code ns/op} … {@code s/op}, {@code ops/ns} … {@code ops/s}). */
final class Units {

    private Units() {
    }

    /** Seconds per operation for a time unit such as {@code us/op}; {@code NaN} for a throughput unit. */
    static double secondsPerOp(double score, String unit) {
        if (!unit.endsWith("/op")) {
            return Double.NaN;
        }
        return score * seconds(unit.substring(0, unit.length() - "/op".length()), unit);
    }

    /** Operations per second for a throughput unit such as {@code ops/ms}; {@code NaN} otherwise. */
    static double opsPerSecond(double score, String unit) {
        if (!unit.startsWith("ops/")) {
            return Double.NaN;
        }
        return score / seconds(unit.substring("ops/".length()), unit);
    }

    /** The length of a JMH time unit in seconds. */
    static double seconds(String timeUnit, String context) {
        switch (timeUnit) {
            case "ns": return 1e-9;
            case "us": return 1e-6;
            case "ms": return 1e-3;
            case "s": return 1;
            case "min": return 60;
            default:
                throw new IllegalArgumentException("Unknown time unit '" + timeUnit + "' in JMH unit '" + context
                        + "'. Expected one of {ns, us, ms, s, min}.");
        }
    }

    /** Formats a number with about three significant digits, grouping thousands. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double a = Math.abs(value);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
