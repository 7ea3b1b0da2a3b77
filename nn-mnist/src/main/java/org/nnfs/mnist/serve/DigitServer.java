package org.nnfs.mnist.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.nnfs.model.Sequential;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server for a digit classifier, on the JDK's own {@code com.sun.net.httpserver}:
 * <ul>
 * <li>{@code POST /v1/predict} a PNG or JPEG, or JSON pixels: the digit and the {@code ?top=K} most
 * probable digits;</li>
 * <li>{@code GET /v1/model}, {@code GET /healthz}, {@code GET /metrics} (Prometheus text);</li>
 * <li>{@code GET /}: a page to draw a digit on.</li>
 * </ul>
 * Everything is bounded: a fixed pool of workers with a bounded queue (a request that finds it full gets
 * 503 at once, from a small pool of its own), the body size, the batch size, the time a client may take
 * to send its request or read the answer. Errors are JSON {@code {"error": "..."}} naming the problem.
 */
public final class DigitServer implements AutoCloseable {
    /** The most bytes of a refused body read and dropped before the connection closes (see {@link #drain}). */
    static final long DRAIN_LIMIT = 1 << 20;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final int TOP_DEFAULT = 3;

    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overflow;
    private final DigitClassifier classifier;
    private final ServeSettings settings;
    private final ServerMetrics metrics;
    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final byte[] modelInfo;
    private final byte[] page;
    /** Set on the overflow pool's threads, whose only job is to answer 503. */
    private final ThreadLocal<Boolean> rejecting = ThreadLocal.withInitial(() -> false);
    private volatile boolean stopping;

    private DigitServer(DigitClassifier classifier, String backend, ServeSettings settings) throws IOException {
        this.classifier = classifier;
        this.settings = settings;
        this.modelInfo = json.writeValueAsBytes(modelInfo(classifier, backend));
        this.page = resource("index.html");
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                settings.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(settings.queue()),
                threads("serve-worker-"), this::reject);
        // Answering 503 takes microseconds; its own bounded queue keeps a flood from growing memory. When even
        // that is full the connection is closed, which is all a client that floods this much can be told.
        this.overflow = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                threads("serve-busy-"), new ThreadPoolExecutor.AbortPolicy());
        this.metrics = new ServerMetrics(classifier::inferences, () -> workers.getQueue().size());
        this.http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
        http.createContext("/", this::handle);
        http.setExecutor(workers);
    }

    /**
     * Starts serving {@code classifier} with {@code settings}.
     *
     * @param backend names the tensor backend, for {@code /v1/model}
     * @throws IOException if the address cannot be bound (a port in use, say)
     */
    public static DigitServer start(DigitClassifier classifier, String backend, ServeSettings settings) throws IOException {
        configureJdkServer(settings);
        ImageIO.setUseCache(false); // uploads are decoded in memory (bounded by the body limit), not via temp files
        DigitServer server = new DigitServer(classifier, backend, settings);
        server.http.start();
        return server;
    }

    /**
     * The JDK server's only time limits are system properties read once, when its first server is made:
     * {@code maxReqTime} (seconds to receive a request, headers and body) and {@code maxRspTime} (seconds to
     * send the answer). A value already set (on the command line) wins.
     */
    private static void configureJdkServer(ServeSettings settings) {
        String seconds = Long.toString(Math.max(1, settings.requestTime().toSeconds()));
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", seconds);
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", seconds);
        }
    }

    /** The port the server listens on (the one picked, when started on port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Workers running a request now (for tests). */
    int busyWorkers() {
        return workers.getActiveCount();
    }

    /** Requests waiting for a worker now (for tests). */
    int waitingRequests() {
        return workers.getQueue().size();
    }

    /** The address to open in a browser. */
    public URI uri() {
        String host = http.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : settings.bind();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (at most the drain time), then stops
     * the workers. Health checks answer 503 from the first moment, so a load balancer stops sending.
     */
    @Override
    public void close() {
        stopping = true;
        // JDK 17's stop(delay) closes the listener at once but then waits the whole delay even when nothing
        // is in flight (JDK-8304065, fixed in JDK 25). So: let one call close the listener and wait, watch the
        // workers ourselves, and once they are idle end the wait with stop(0).
        Thread draining = new Thread(() -> http.stop((int) Math.max(0, settings.drainTime().toSeconds())),
                "serve-drain");
        draining.setDaemon(true);
        draining.start();
        long deadline = System.nanoTime() + settings.drainTime().toNanos();
        try {
            while (System.nanoTime() < deadline && (workers.getActiveCount() > 0 || !workers.getQueue().isEmpty())) {
                Thread.sleep(20);
            }
            http.stop(0);
            draining.join(settings.drainTime().toMillis() + 1000);
            workers.shutdown();
            overflow.shutdown();
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            overflow.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            http.stop(0);
            workers.shutdownNow();
            overflow.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ requests

    private void reject(Runnable exchange, ThreadPoolExecutor pool) {
        // Runs on the server's dispatcher thread: hand the request to the overflow pool to answer 503.
        overflow.execute(() -> {
            rejecting.set(true);
            try {
                exchange.run();
            } finally {
                rejecting.set(false);
            }
        });
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String route = route(path);
        int status;
        try {
            if (rejecting.get()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.getResponseHeaders().set("Connection", "close");
                throw new BadRequest(503, "the server is busy: " + settings.workers() + " workers and "
                        + settings.queue() + " waiting requests; retry shortly");
            }
            status = dispatch(exchange, route, path);
        } catch (BadRequest e) {
            status = error(exchange, e.status(), e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            status = 499; // the client went away (or timed out) mid-request: there is no one to answer
        } catch (RuntimeException e) {
            System.err.println("serve: internal error on " + exchange.getRequestMethod() + " " + path + ": " + e);
            status = error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
        metrics.record(route, status, System.nanoTime() - start);
    }

    private static String route(String path) {
        return switch (path) {
            case "/", "/v1/predict", "/v1/model", "/healthz", "/metrics" -> path;
            default -> "other";
        };
    }

    private int dispatch(HttpExchange exchange, String route, String path) throws IOException, BadRequest {
        String method = exchange.getRequestMethod();
        switch (route) {
            case "/v1/predict" -> {
                allow(exchange, method, "POST");
                return predict(exchange);
            }
            case "/v1/model" -> {
                allow(exchange, method, "GET");
                return send(exchange, 200, JSON_TYPE, modelInfo);
            }
            case "/healthz" -> {
                allow(exchange, method, "GET");
                return stopping ? error(exchange, 503, "stopping")
                        : send(exchange, 200, JSON_TYPE, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
            }
            case "/metrics" -> {
                allow(exchange, method, "GET");
                return send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.text().getBytes(StandardCharsets.UTF_8));
            }
            case "/" -> {
                allow(exchange, method, "GET");
                return send(exchange, 200, "text/html; charset=utf-8", page);
            }
            default -> throw new BadRequest(404, "no such path: " + printable(path)
                    + "; try POST /v1/predict, GET /v1/model, /healthz, /metrics or /");
        }
    }

    private static void allow(HttpExchange exchange, String method, String allowed) throws BadRequest {
        if (!method.equals(allowed) && !(allowed.equals("GET") && method.equals("HEAD"))) {
            exchange.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
            throw new BadRequest(405, method + " is not allowed here; use " + allowed);
        }
    }

    private int predict(HttpExchange exchange) throws IOException, BadRequest {
        int top = top(exchange.getRequestURI().getRawQuery());
        byte[] body = body(exchange);
        DigitInput input = DigitInput.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body,
                settings.maxBatch(), json);
        float[] p = classifier.probabilities(input.pixels(), input.rows());
        ObjectNode answer;
        if (input.batch()) {
            answer = json.createObjectNode();
            ArrayNode list = answer.putArray("predictions");
            for (int r = 0; r < input.rows(); r++) {
                list.add(prediction(p, r, top));
            }
        } else {
            answer = prediction(p, 0, top);
            if (input.inverted()) {
                answer.put("inverted", true);
            }
        }
        return send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(answer));
    }

    /** {"digit": 7, "probability": 0.98, "top": [{"digit": 7, "probability": 0.98}, ...]} */
    private ObjectNode prediction(float[] p, int row, int top) {
        int k = classifier.model().outputSize();
        Integer[] order = new Integer[k];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> Float.compare(p[row * k + b], p[row * k + a]));
        ObjectNode node = json.createObjectNode();
        node.put("digit", order[0]);
        node.put("probability", p[row * k + order[0]]);
        ArrayNode list = node.putArray("top");
        for (int i = 0; i < Math.min(top, k); i++) {
            list.addObject().put("digit", order[i]).put("probability", p[row * k + order[i]]);
        }
        return node;
    }

    private static int top(String query) throws BadRequest {
        if (query == null) {
            return TOP_DEFAULT;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("top=")) {
                String v = pair.substring(4);
                try {
                    int k = Integer.parseInt(v);
                    if (k >= 1 && k <= 10) {
                        return k;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new BadRequest(400, "top=" + printable(v) + ": expected a whole number from 1 to 10");
            }
        }
        return TOP_DEFAULT;
    }

    /** The body, refused with 413 beyond the limit: by its declared length before reading, else while reading. */
    private byte[] body(HttpExchange exchange) throws IOException, BadRequest {
        int max = settings.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Content-Length " + printable(declared) + " is not a number");
            }
            if (length > max) {
                if (length <= DRAIN_LIMIT) {
                    drain(exchange.getRequestBody());
                }
                throw tooLarge(exchange, declared.trim() + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                drain(in);
                throw tooLarge(exchange, "more than " + max + " bytes");
            }
            return body;
        }
    }

    /**
     * Reads and drops what is left of a refused body, at most {@link #DRAIN_LIMIT} bytes. Closing a connection
     * with unread bytes in it makes TCP reset it, and the client may then lose the 413 already sent to it
     * (measured: the JDK's HttpClient failed with "bytes received: 0" instead of reading the answer). A longer
     * body is cut off unread; {@code maxReqTime} bounds how long a slow one can hold a worker.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = DRAIN_LIMIT;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }

    private BadRequest tooLarge(HttpExchange exchange, String size) {
        exchange.getResponseHeaders().set("Connection", "close"); // the rest of the body is not read
        return new BadRequest(413, "the body is " + size + "; at most " + settings.maxBodyBytes() + " are accepted");
    }

    private int error(HttpExchange exchange, int status, String message) {
        ObjectNode node = json.createObjectNode().put("error", message).put("status", status);
        try {
            return send(exchange, status, JSON_TYPE, json.writeValueAsBytes(node));
        } catch (IOException e) {
            return status; // the client is gone; the status is still what it was answered
        }
    }

    private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    /** A client's text cut short and stripped of control characters, fit to quote in an error. */
    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private ObjectNode modelInfo(DigitClassifier c, String backend) {
        Sequential m = c.model();
        ObjectNode node = json.createObjectNode();
        node.put("architecture", m.toString());
        ArrayNode layers = node.putArray("layers");
        m.layers().forEach(layer -> layers.add(layer.toString()));
        node.put("inputs", m.inputSize());
        node.put("outputs", m.outputSize());
        node.put("parameters", m.parameterCount());
        node.put("dtype", m.dtype().toString().toLowerCase(Locale.ROOT));
        node.put("backend", backend);
        node.put("source", c.source());
        return node;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DigitServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true); // a stop that times out must not keep the JVM alive
            return t;
        };
    }
}
