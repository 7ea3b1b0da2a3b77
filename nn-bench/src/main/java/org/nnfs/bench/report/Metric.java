package org.nnfs.bench.report;

/**
 * A score JMH reported, with its 99.9% confidence half-width ({@code NaN} when there were too few
 * samples), its unit as JMH writes it ({@code us/op}, {@code ops/s}, {@code B/op}) and the best single
 * measured iteration: the least time per operation, or the most operations per unit of time. On a
 * machine shared with other work the best iteration is the one least disturbed, so a report shows it
 * beside the mean.
 */
public record Metric(double score, double error, String unit, double best) {
}
