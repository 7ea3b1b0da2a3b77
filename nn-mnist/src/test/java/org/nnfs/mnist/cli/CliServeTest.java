package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s mistakes are one line each, exit code 1 (2 for a bad option), and nothing is left listening. */
class CliServeTest {
    @TempDir
    Path dir;

    private Path model() throws IOException {
        Path file = dir.resolve("mlp.onnx");
        try (InputStream in = CliServeTest.class.getResourceAsStream("/org/nnfs/interop/onnx/pytorch/mlp_gemm_relu.onnx")) {
            assertTrue(in != null, "nn-interop's test-jar holds the fixture");
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static void fails(Cli.Result r, int code, String line) {
        assertEquals(code, r.code(), r.toString());
        assertTrue(r.err().startsWith(line), r.toString());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void missingModel() {
        Path missing = dir.resolve("missing.model");
        fails(Cli.run("serve", "--model", missing.toString()), 1, "error: " + missing + ": model file not found");
    }

    @Test
    void portInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            fails(Cli.run("serve", "--model", model().toString(), "--backend", "vector", "--port",
                    Integer.toString(taken.getLocalPort())), 1, "error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
            // and the hint says what to do
            assertTrue(Cli.run("serve", "--model", model().toString(), "--backend", "vector", "--port",
                    Integer.toString(taken.getLocalPort())).err().contains("--port 0 picks a free one"));
        }
    }

    @Test
    void badAddressAndPort() throws IOException {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine
        fails(Cli.run("serve", "--model", model().toString(), "--backend", "vector", "--port", "0", "--bind",
                "192.0.2.1"), 1, "error: cannot listen on 192.0.2.1:0: ");
        fails(Cli.run("serve", "--model", model().toString(), "--backend", "vector", "--port", "70000"), 1,
                "error: --port 70000 is not a port");
        fails(Cli.run("serve", "--model", model().toString(), "--port", "-1"), 2, "error: ");
        fails(Cli.run("serve", "--model", model().toString(), "--workers", "0"), 2, "error: ");
    }
}
