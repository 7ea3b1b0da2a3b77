package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.model.Sequential;

/** A saturated server answers 503 at once from its bounded queue, and recovers when the load goes. */
class DigitServerSaturationTest {

    @Test
    @DisplayName("with its worker busy and its queue full, the next request gets 503 with Retry-After; then all is well")
    void busyIs503(@TempDir Path dir) throws Exception {
        Sequential model = ServedModel.load(ServedModel.file(dir));
        try (DigitServer server = DigitServer.start(new DigitClassifier(model, "m"), "test",
                new ServeSettings("127.0.0.1", 0, 1, 1, 1 << 16, 4, Duration.ofSeconds(30), Duration.ofSeconds(1)))) {
            Http http = new Http(server.port());
            // Two clients that send headers and half a body, then stall: one holds the worker, one the queue.
            try (Socket holding = stall(server.port())) {
                waitUntil(() -> server.busyWorkers() == 1, "the worker took the first request");
                try (Socket waiting = stall(server.port())) {
                    waitUntil(() -> server.waitingRequests() == 1, "the second request waits in the queue");
                    Http.Answer a = http.get("/healthz");
                    assertEquals(503, a.status(), a.body());
                    assertTrue(a.json().get("error").asText().contains("busy"), a.body());
                    String text = http.get("/metrics").body(); // also refused: the overflow pool answers everything
                    assertTrue(text.contains("busy"), text);
                }
            }
            waitUntil(() -> server.busyWorkers() == 0 && server.waitingRequests() == 0, "the stalled requests ended");
            assertEquals(200, http.get("/healthz").status());
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.matches("(?s).*nnmnist_http_requests_total\\{path=\"/healthz\",code=\"503\"} 1\n.*"), metrics);
        }
    }

    /** A connection that sent a request's headers and half its body, and nothing more. */
    static Socket stall(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"pixels\": [").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
