package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.mnist.image.DigitImages;
import org.nnfs.model.Sequential;

import com.fasterxml.jackson.databind.JsonNode;

/** Every endpoint of {@link DigitServer}, answering what the library itself computes. */
class DigitServerApiTest {
    @TempDir
    static Path dir;

    static Sequential model;
    static DigitServer server;
    static Http http;
    static float[] images;
    static int[] labels;

    @BeforeAll
    static void start() throws IOException {
        model = ServedModel.load(ServedModel.file(dir));
        server = DigitServer.start(new DigitClassifier(model, "mlp_gemm_relu.onnx"), model.backend().description(),
                ServeSettings.defaults().withPort(0));
        http = new Http(server.port());
        images = ServedModel.images();
        labels = ServedModel.labels();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("GET /healthz is ok")
    void health() {
        Http.Answer a = http.get("/healthz");
        assertEquals(200, a.status());
        assertEquals("ok", a.json().get("status").asText());
    }

    @Test
    @DisplayName("GET /v1/model describes the model: architecture, parameters, backend, source")
    void modelInfo() {
        Http.Answer a = http.get("/v1/model");
        assertEquals(200, a.status());
        assertTrue(a.type().startsWith("application/json"), a.type());
        JsonNode m = a.json();
        assertEquals(model.toString(), m.get("architecture").asText());
        assertEquals(model.layers().size(), m.get("layers").size());
        assertEquals(model.parameterCount(), m.get("parameters").asLong());
        assertEquals(784, m.get("inputs").asInt());
        assertEquals(10, m.get("outputs").asInt());
        assertEquals(model.backend().description(), m.get("backend").asText());
        assertEquals("mlp_gemm_relu.onnx", m.get("source").asText());
    }

    @Test
    @DisplayName("GET / is the drawing page, with everything inline (no other host)")
    void page() {
        Http.Answer a = http.get("/");
        assertEquals(200, a.status());
        assertTrue(a.type().startsWith("text/html"), a.type());
        assertTrue(a.body().contains("<canvas id=\"pad\""), "has the canvas");
        assertTrue(a.body().contains("id=\"clear\""), "has the clear button");
        assertTrue(!a.body().contains("http://") && !a.body().contains("https://") && !a.body().contains("src="),
                "loads nothing from elsewhere");
    }

    @Test
    @DisplayName("POST /v1/predict with JSON pixels gives the library's probabilities, best first")
    void jsonPixels() {
        float[] expected = model.predict(java.util.Arrays.copyOfRange(images, 0, 784), 1);
        Http.Answer a = http.postJson("/v1/predict?top=10", Http.pixels(images, 0));
        assertEquals(200, a.status(), a.body());
        JsonNode p = a.json();
        assertEquals(labels[0], p.get("digit").asInt());
        assertEquals(10, p.get("top").size());
        float[] got = new float[10];
        double previous = 2;
        for (JsonNode t : p.get("top")) {
            double probability = t.get("probability").asDouble();
            assertTrue(probability <= previous, "sorted, most probable first: " + p);
            previous = probability;
            got[t.get("digit").asInt()] = (float) probability;
        }
        assertArrayEquals(expected, got, 1e-6f);
        assertEquals(p.get("probability").asDouble(), p.get("top").get(0).get("probability").asDouble());
    }

    @Test
    @DisplayName("?top=K gives K digits; 3 by default")
    void top() {
        assertEquals(3, http.postJson("/v1/predict", Http.pixels(images, 1)).json().get("top").size());
        assertEquals(1, http.postJson("/v1/predict?top=1", Http.pixels(images, 1)).json().get("top").size());
    }

    @Test
    @DisplayName("a batch of the 200 test images is classified as the library classifies them (94.6% right)")
    void batch() {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < ServedModel.IMAGES; i++) {
            body.append(i == 0 ? "" : ",").append(Http.row(images, i));
        }
        Http.Answer a = http.postJson("/v1/predict", body.append("]}").toString());
        assertEquals(200, a.status(), a.body());
        JsonNode list = a.json().get("predictions");
        assertEquals(ServedModel.IMAGES, list.size());
        int[] expected = model.classify(images, ServedModel.IMAGES);
        int right = 0;
        for (int i = 0; i < ServedModel.IMAGES; i++) {
            assertEquals(expected[i], list.get(i).get("digit").asInt(), "image " + i);
            right += expected[i] == labels[i] ? 1 : 0;
        }
        assertTrue(right >= 180, right + " of 200 right");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpg"})
    @DisplayName("a PNG or JPEG picture is prepared as `predict` prepares a file")
    void picture(String format) throws IOException {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] picture = ServedModel.picture(images, i, format);
            float[] prepared = DigitImages.prepare(picture, "test").pixels();
            int expected = model.classify(prepared, 1)[0];
            Http.Answer a = http.post("/v1/predict", format.equals("png") ? "image/png" : "image/jpeg", picture);
            assertEquals(200, a.status(), a.body());
            assertEquals(expected, a.json().get("digit").asInt(), "image " + i);
            if (expected != labels[i]) {
                wrong.add(i);
            }
        }
        assertTrue(wrong.size() <= 2, "pictures of test images " + wrong + " classified wrong");
    }

    @Test
    @DisplayName("GET /metrics counts requests by path and status, their latency and the images classified")
    void metrics() {
        http.postJson("/v1/predict", Http.pixels(images, 2));
        http.get("/no/such/path");
        String text = http.get("/metrics").body();
        assertTrue(text.contains("# TYPE nnmnist_http_requests_total counter"), text);
        assertTrue(text.matches("(?s).*nnmnist_http_requests_total\\{path=\"/v1/predict\",code=\"200\"} [1-9].*"), text);
        assertTrue(text.matches("(?s).*nnmnist_http_requests_total\\{path=\"other\",code=\"404\"} [1-9].*"), text);
        assertTrue(text.contains("# TYPE nnmnist_http_request_duration_seconds histogram"), text);
        assertTrue(text.matches("(?s).*nnmnist_http_request_duration_seconds_bucket\\{le=\"\\+Inf\"} [1-9].*"), text);
        assertTrue(text.matches("(?s).*\nnnmnist_inferences_total [1-9].*"), text);
        assertTrue(text.contains("\nnnmnist_queued_requests 0\n"), text);
    }

    @Test
    @DisplayName("after close, health checks are refused and the port is free")
    void closeStopsServing() throws IOException {
        DigitServer other = DigitServer.start(new DigitClassifier(model, "m"), "b",
                new ServeSettings("127.0.0.1", 0, 2, 2, 1 << 16, 4, Duration.ofSeconds(5), Duration.ofSeconds(1)));
        Http client = new Http(other.port());
        assertEquals(200, client.get("/healthz").status());
        other.close();
        assertThrows(UncheckedIOException.class, () -> client.get("/healthz"), "connection refused after close");
    }
}
