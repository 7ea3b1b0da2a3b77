package org.nnfs.bench.report;

/**
 * A score JMH reported, with its 99.9% confidence half-width ({@code NaN} when there were too few
 * samples) and its unit as JMH writes it ({@code us/op}, {@code ops/s}, {@code B/op}).
 */
public record Metric(double score, double error, String unit) {
}
