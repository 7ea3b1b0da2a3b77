package org.nnfs.spark.bench;

import java.util.Locale;

/**
 * Projects the time of one synchronous training step on {@code N} executors (one task each) from measured
 * constants, and prints it as a Markdown table row per {@code N}:
 *
 * <pre>
 * T(N) = L + N·l + C/N + N·M·(2/B + s)
 * </pre>
 * <ul>
 *   <li>{@code C}: the whole batch's forward and backward pass on one core (ms);</li>
 *   <li>{@code L}, {@code l}: a Spark job's fixed latency and its cost per task (ms);</li>
 *   <li>{@code M}: bytes of the model's values, sent to every task and received from every task;</li>
 *   <li>{@code B}: the driver's network bandwidth (GB/s): it serves the values (a single-block broadcast,
 *       which every executor fetches from the driver) and receives every result;</li>
 *   <li>{@code s}: the driver's time per byte to deserialise and add a result (ns/byte, single-threaded).</li>
 * </ul>
 * Arguments: C L l M B s [label]. Also prints where {@code T} is least: {@code N* = sqrt(C / (l + M·(2/B + s)))}.
 */
public final class ScalingTable {
    private ScalingTable() {
    }

    public static void main(String[] args) {
        double c = Double.parseDouble(args[0]);
        double latency = Double.parseDouble(args[1]);
        double perTask = Double.parseDouble(args[2]);
        double bytes = Double.parseDouble(args[3]);
        double bandwidth = Double.parseDouble(args[4]) * 1e9 / 1e3; // bytes per ms
        double perByte = Double.parseDouble(args[5]) * 1e-6;      // ms per byte
        String label = args.length > 6 ? args[6] : "";
        double perExecutor = perTask + bytes * (2 / bandwidth + perByte);
        double t1 = step(1, c, latency, perExecutor);
        System.out.printf(Locale.ROOT, "%s: C = %.1f ms, M = %.1f MB; per executor %.2f ms of which transfer %.2f ms%n",
                label, c, bytes / 1e6, perExecutor, bytes * (2 / bandwidth + perByte));
        System.out.println("| executors | compute ms | overhead ms | step ms | speed-up over 1 executor |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int n = 1; n <= 64; n *= 2) {
            double t = step(n, c, latency, perExecutor);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.2f |%n", n, c / n, t - c / n, t, t1 / t);
        }
        System.out.printf(Locale.ROOT, "fastest at N* = %.1f executors%n", Math.sqrt(c / perExecutor));
    }

    private static double step(int n, double c, double latency, double perExecutor) {
        return latency + c / n + n * perExecutor;
    }
}
