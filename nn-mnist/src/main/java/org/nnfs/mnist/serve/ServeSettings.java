package org.nnfs.mnist.serve;

import java.time.Duration;

/**
 * How the digit server listens and what it bounds.
 *
 * @param bind        address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every interface)
 * @param port        port to listen on; 0 picks any free one
 * @param workers     threads that read requests and run the model, each with its own inference pass
 * @param queue       requests that may wait for a worker; beyond them the server answers 503
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param maxBatch    most images in one JSON batch
 * @param requestTime longest a client may take to send its request (headers and body); it is then disconnected
 * @param drainTime   longest a stop waits for requests in flight to finish
 */
public record ServeSettings(String bind, int port, int workers, int queue, int maxBodyBytes, int maxBatch,
        Duration requestTime, Duration drainTime) {

    /** Defaults: this machine only, port 8080, two workers per core, 64 waiting, 4 MiB bodies, 10 s to send. */
    public static ServeSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServeSettings("127.0.0.1", 8080, Math.max(4, 2 * cores), 64, 4 << 20, 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** Checks every bound is usable. */
    public ServeSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (workers < 1 || queue < 0 || maxBodyBytes < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("workers, body size and batch must be positive and the queue not negative");
        }
        if (requestTime.isNegative() || requestTime.isZero() || drainTime.isNegative()) {
            throw new IllegalArgumentException("the request time must be positive and the drain time not negative");
        }
    }

    /** These settings on another port. */
    public ServeSettings withPort(int newPort) {
        return new ServeSettings(bind, newPort, workers, queue, maxBodyBytes, maxBatch, requestTime, drainTime);
    }
}
