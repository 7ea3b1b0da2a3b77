package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.ChildJvm;

/**
 * {@code nn-mnist serve} as a process: it prints its port, disconnects a client too slow to send its request,
 * and on SIGTERM finishes the request in flight before it exits.
 */
class ServeProcessTest {
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    @DisplayName("a slow client is cut off after the request time; SIGTERM lets the request in flight finish")
    void slowClientAndDrain(@TempDir Path dir) throws Exception {
        Path model = ServedModel.file(dir);
        // A 2 s request time, through the JDK server's own property, which the command leaves alone when set.
        try (ChildJvm serve = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector",
                "-Dsun.net.httpserver.maxReqTime=2"), "org.nnfs.mnist.cli.MnistApp",
                "serve", "--model", model.toString(), "--port", "0", "--backend", "vector")) {
            int port = port(serve);

            try (Socket slow = headersOnly(port, 784 * 2)) {
                slow.getOutputStream().write('{');
                long t0 = System.nanoTime();
                int read = slow.getInputStream().read(); // blocks until the server gives up on us
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(-1, read, "closed without an answer");
                assertTrue(seconds < 8, "cut off after " + seconds + " s");
            }

            String json = Http.pixels(ServedModel.images(), 0);
            byte[] body = json.getBytes(StandardCharsets.US_ASCII);
            try (Socket inFlight = headersOnly(port, body.length)) {
                OutputStream out = inFlight.getOutputStream();
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(300); // the server is reading this request
                serve.process().toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                Thread.sleep(300);
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String answer = new String(inFlight.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("\"digit\":7"), answer);
            }
            long t0 = System.nanoTime();
            serve.waitFor(20);
            double exit = (System.nanoTime() - t0) / 1e9;
            assertTrue(exit < 5, "exited " + exit + " s after its last answer: it waits for requests in flight,"
                    + " not for the whole drain time");
            assertTrue(serve.output().contains("stopping, finishing the requests in flight"), serve.output());
        }
    }

    private static int port(ChildJvm serve) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(serve.output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serve.process().isAlive()) {
                throw new AssertionError("serve exited: " + serve.output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its port: " + serve.output());
    }

    /** A connection that has sent a request's headers and none of its body yet. */
    private static Socket headersOnly(int port, int contentLength) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
