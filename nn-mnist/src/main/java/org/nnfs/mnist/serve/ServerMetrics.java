package org.nnfs.mnist.serve;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What {@code GET /metrics} reports, in the Prometheus text format: requests by path and status, a latency
 * histogram, images classified and requests waiting. Counters are {@link LongAdder}s: workers never contend
 * on one lock to count.
 */
final class ServerMetrics {
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongSupplier inferences;
    private final LongSupplier waiting;

    /** @param inferences images classified so far; @param waiting requests waiting for a worker now */
    ServerMetrics(LongSupplier inferences, LongSupplier waiting) {
        this.inferences = inferences;
        this.waiting = waiting;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Counts one answered request; {@code route} is one of the server's paths or "other", never the raw path. */
    void record(String route, int status, long elapsedNanos) {
        requests.computeIfAbsent(route + '\u0000' + status, k -> new LongAdder()).increment();
        double seconds = elapsedNanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                buckets[i].increment();
                break; // cumulative counts are summed when written
            }
        }
        count.increment();
        nanos.add(elapsedNanos);
    }

    /** The exposition text. */
    String text() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP nnmnist_http_requests_total HTTP requests answered, by path and status code.\n");
        sb.append("# TYPE nnmnist_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] key = e.getKey().split("\u0000");
            sb.append("nnmnist_http_requests_total{path=\"").append(key[0]).append("\",code=\"").append(key[1])
                    .append("\"} ").append(e.getValue().sum()).append('\n');
        });
        sb.append("# HELP nnmnist_http_request_duration_seconds Time from reading a request to its answer.\n");
        sb.append("# TYPE nnmnist_http_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += buckets[i].sum();
            sb.append(String.format(Locale.ROOT, "nnmnist_http_request_duration_seconds_bucket{le=\"%s\"} %d%n",
                    BUCKETS[i], cumulative));
        }
        long n = count.sum();
        sb.append("nnmnist_http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(n).append('\n');
        sb.append(String.format(Locale.ROOT, "nnmnist_http_request_duration_seconds_sum %.6f%n", nanos.sum() / 1e9));
        sb.append("nnmnist_http_request_duration_seconds_count ").append(n).append('\n');
        sb.append("# HELP nnmnist_inferences_total Images the model has classified.\n");
        sb.append("# TYPE nnmnist_inferences_total counter\n");
        sb.append("nnmnist_inferences_total ").append(inferences.getAsLong()).append('\n');
        sb.append("# HELP nnmnist_queued_requests Requests waiting for a worker.\n");
        sb.append("# TYPE nnmnist_queued_requests gauge\n");
        sb.append("nnmnist_queued_requests ").append(waiting.getAsLong()).append('\n');
        return sb.toString();
    }
}
