package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.nnfs.interop.ModelFormat;
import org.nnfs.mnist.serve.DigitClassifier;
import org.nnfs.mnist.serve.DigitServer;
import org.nnfs.mnist.serve.ServeSettings;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn-mnist serve}: an HTTP API for a digit model and a page to draw digits on, until stopped (Ctrl-C
 * or SIGTERM, which lets the requests in flight finish).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a model over HTTP, with a page to draw digits on.",
                "POST /v1/predict (PNG, JPEG or JSON pixels), GET /v1/model, /healthz, /metrics (Prometheus),"
                        + " and / (the page). Ctrl-C or SIGTERM stops it once the requests in flight are answered."})
final class ServeCommand implements Callable<Integer> {
    private static final ServeSettings DEFAULTS = ServeSettings.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model: a model file (from train --out), or an ONNX or safetensors file.")
    Path model;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", converter = Converters.NonNegative.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Mixin
    BackendOptions backend;

    @Option(names = "--workers", paramLabel = "N", converter = Converters.Positive.class,
            description = "Threads answering requests, each with its own inference pass (default: two per core, at least 4).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Requests that may wait for a worker; more get 503 (default: 64).")
    Integer queue;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        MnistData.requireFile(model); // before starting a backend, which may load native code
        Backend tensors = backend.create(out);
        Sequential net = ModelFormat.load(model, tensors);
        MnistData.requireMnistModel(net, model);
        if (port > 65_535) {
            throw new UserException("--port " + port + " is not a port (0..65535)");
        }
        ServeSettings settings = new ServeSettings(bind, port,
                workers == null ? DEFAULTS.workers() : workers, queue == null ? DEFAULTS.queue() : queue,
                DEFAULTS.maxBodyBytes(), DEFAULTS.maxBatch(), DEFAULTS.requestTime(), DEFAULTS.drainTime());
        DigitServer server;
        try {
            server = DigitServer.start(new DigitClassifier(net, model.getFileName().toString()),
                    tensors.description(), settings);
        } catch (BindException e) {
            boolean inUse = String.valueOf(e.getMessage()).contains("in use");
            throw new UserException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + (inUse ? " (another server has that port; --port 0 picks a free one)" : ""));
        } catch (UnresolvedAddressException e) {
            throw new UserException("cannot listen on " + bind + ": not an address of this machine");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("serve: stopping, finishing the requests in flight (at most "
                    + settings.drainTime().toSeconds() + " s)");
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        out.println("model: " + net + " from " + model);
        out.println("serving on " + server.uri() + " (port " + server.port() + "; Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return 0;
    }
}
