package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.model.Sequential;

/**
 * Concurrent clients on 127.0.0.1 for a few seconds: every request answered 200 with the right digit. Bounded
 * by {@code -Dserve.load.clients} (default 8), {@code -Dserve.load.seconds} (default 2) and 20,000 requests a
 * client; throughput and latency percentiles are printed and appended to {@code target/serve-load.txt}.
 */
class DigitServerLoadTest {
    static final int CLIENTS = Integer.getInteger("serve.load.clients", 8);
    static final int SECONDS = Integer.getInteger("serve.load.seconds", 2);
    static final int MAX_PER_CLIENT = 20_000;

    @ParameterizedTest(name = "{0} bodies")
    @ValueSource(strings = {"json", "png"})
    @DisplayName("concurrent clients for some seconds: no request fails, every answer is the right digit")
    void load(String kind, @TempDir Path dir) throws Exception {
        Sequential model = ServedModel.load(ServedModel.file(dir));
        float[] images = ServedModel.images();
        int samples = 50;
        byte[][] bodies = new byte[samples][];
        int[] expected = new int[samples];
        for (int i = 0; i < samples; i++) {
            bodies[i] = kind.equals("json") ? Http.pixels(images, i).getBytes(StandardCharsets.UTF_8)
                    : ServedModel.picture(images, i, "png");
            expected[i] = kind.equals("json") ? model.classify(Arrays.copyOfRange(images, i * 784, (i + 1) * 784), 1)[0]
                    : model.classify(org.nnfs.mnist.image.DigitImages.prepare(bodies[i], "test").pixels(), 1)[0];
        }
        String type = kind.equals("json") ? "application/json" : "image/png";
        ServeSettings settings = ServeSettings.defaults().withPort(0);
        try (DigitServer server = DigitServer.start(new DigitClassifier(model, "m"), "test", settings)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/predict");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(SECONDS).toNanos();
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(clients.submit(() -> run(uri, type, bodies, expected, client, end)));
            }
            long[] all = new long[0];
            for (Future<long[]> f : results) {
                long[] one = f.get();
                all = Arrays.copyOf(all, all.length + one.length);
                System.arraycopy(one, 0, all, all.length - one.length, one.length);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            Arrays.sort(all);
            String line = String.format(Locale.ROOT,
                    "%s: %d clients, %.1f s, %d requests, %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                            + " (%d workers, %d cores)",
                    kind, CLIENTS, elapsed, all.length, all.length / elapsed, percentile(all, 0.50) / 1e6,
                    percentile(all, 0.99) / 1e6, all[all.length - 1] / 1e6, settings.workers(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("serve load " + line);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "serve-load.txt"), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            assertTrue(all.length >= CLIENTS, "every client got answers");
            String metrics = new Http(server.port()).get("/metrics").body();
            assertTrue(metrics.contains("nnmnist_http_requests_total{path=\"/v1/predict\",code=\"200\"} " + all.length + "\n"),
                    "the server counted exactly the answered requests:\n" + metrics);
        }
    }

    /** One client: requests back to back until {@code end}; returns each request's latency in nanoseconds. */
    private static long[] run(URI uri, String type, byte[][] bodies, int[] expected, int client, long end)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] latencies = new long[MAX_PER_CLIENT];
        int n = 0;
        while (n < MAX_PER_CLIENT && System.nanoTime() < end) {
            int i = (client * 7 + n) % bodies.length;
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies[n++] = System.nanoTime() - t0;
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(expected[i], Http.JSON.readTree(r.body()).get("digit").asInt(), "sample " + i);
        }
        return Arrays.copyOf(latencies, n);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
