package org.nnfs.mnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A web mirror that serves {@code <base><name>.gz} for each MNIST file. Only HTTPS is accepted, except
 * for loopback addresses (a test's local server). Responses are size-capped so a misbehaving server
 * cannot fill the disk.
 */
public final class HttpMirrorSource implements MnistSource {
    /** The gzipped MNIST files are under 10 MB; anything much larger is not them. */
    public static final long MAX_BYTES = 64L << 20;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient client;
    /** Why the server could not be reached; later files skip it instead of waiting for time-outs again. */
    private volatile String unreachable;

    /**
     * @param base URL of the directory holding the files, ending in {@code /}
     * @throws IllegalArgumentException if it is not an HTTPS URL (or HTTP on a loopback address)
     */
    public HttpMirrorSource(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** As {@link #HttpMirrorSource(URI)} with the given client. */
    public HttpMirrorSource(URI base, HttpClient client) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(base.getHost()))) {
            throw new IllegalArgumentException("mirror " + base + " is not an https:// URL");
        }
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.client = client;
    }

    @Override
    public String description() {
        return base.toString();
    }

    @Override
    public void fetch(MnistFile file, Path target) throws IOException {
        URI uri = base.resolve(file.gzipFileName());
        if (unreachable != null) {
            throw new IOException("skipped, unreachable before: " + unreachable);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (IOException e) {
            // No answer at all (DNS, refused, time-out); an HTTP error status is per file and not remembered.
            unreachable = describe(e);
            throw new IOException("cannot reach " + uri + ": " + unreachable, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > MAX_BYTES) {
                throw new IOException(uri + " is " + declared + " bytes, more than the " + MAX_BYTES + " expected at most");
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                long total = 0;
                for (int n; (n = body.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new IOException(uri + " sent more than " + MAX_BYTES + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    /** The exception's message, or its causes' names when it has none (a failed DNS lookup has none). */
    private static String describe(Throwable e) {
        StringBuilder names = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return names.length() == 0 ? t.getMessage() : names + ": " + t.getMessage();
            }
            String name = t.getClass().getSimpleName();
            if (!names.toString().endsWith(name)) {
                names.append(names.length() == 0 ? "" : " / ").append(name);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return names.toString();
    }

    private static boolean isLoopback(String host) {
        // Literal names only: deciding must not need a DNS lookup.
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    @Override
    public String toString() {
        return description();
    }
}
