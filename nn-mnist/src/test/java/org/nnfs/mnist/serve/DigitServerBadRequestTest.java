package org.nnfs.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.mnist.image.DigitImages;
import org.nnfs.model.Sequential;

import com.fasterxml.jackson.databind.JsonNode;

/** Requests the server refuses: each gets a 4xx (or 503) with a JSON error naming the problem, and nothing breaks. */
class DigitServerBadRequestTest {
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_BATCH = 4;

    @TempDir
    static Path dir;

    static Sequential model;
    static DigitServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        model = ServedModel.load(ServedModel.file(dir));
        server = DigitServer.start(new DigitClassifier(model, "m.onnx"), "test",
                new ServeSettings("127.0.0.1", 0, 4, 8, MAX_BODY, MAX_BATCH, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Checks the answer is a JSON error of {@code status} whose message contains {@code words}. */
    static void refused(Http.Answer a, int status, String words) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.type().startsWith("application/json"), a.type());
        JsonNode e = a.json();
        assertEquals(status, e.get("status").asInt());
        assertTrue(e.get("error").asText().contains(words), "'" + words + "' in: " + e.get("error").asText());
        // and the server still answers
        assertEquals(200, http.get("/healthz").status());
    }

    static String pixelsOf(String value, int count) {
        String[] v = new String[count];
        Arrays.fill(v, "0");
        if (count > 0) {
            v[count / 2] = value;
        }
        return "{\"pixels\":[" + String.join(",", v) + "]}";
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON       | {\"pixels\": [0, 1,      | malformed JSON",
        "not an object        | [1, 2, 3]                | expected a JSON object",
        "no pixels            | {\"image\": []}          | exactly one of",
        "pixels and batch     | {\"pixels\": [], \"batch\": []} | exactly one of",
        "pixels not an array  | {\"pixels\": \"abc\"}    | array of 784 numbers",
        "empty batch          | {\"batch\": []}          | non-empty array",
        "batch of a non-array | {\"batch\": [5]}         | batch[0]",
        "NaN token            | {\"pixels\": [NaN]}      | malformed JSON",
    })
    @DisplayName("JSON that is not {pixels} or {batch} is 400")
    void badJson(String name, String body, String words) {
        refused(http.postJson("/v1/predict", body), 400, words);
    }

    @ParameterizedTest(name = "pixel {0}")
    @ValueSource(strings = {"1e999", "-1e999", "-0.5", "2", "\"x\"", "null", "true", "[0]"})
    @DisplayName("a pixel that is not a finite number in 0..1 is 400, naming its index")
    void badPixel(String value) {
        refused(http.postJson("/v1/predict", pixelsOf(value, 784)), 400, "\"pixels\"[392] is ");
    }

    @ParameterizedTest(name = "{0} pixels")
    @CsvSource({"0", "1", "783", "785", "1568"})
    @DisplayName("a wrong number of pixels is 400, saying how many are needed")
    void wrongLength(int count) {
        refused(http.postJson("/v1/predict", pixelsOf("0", count)), 400, "784 numbers (28x28, row by row), not " + count);
    }

    @Test
    @DisplayName("a batch larger than the limit is 400")
    void batchTooLarge() {
        String row = pixelsOf("0", 784).substring("{\"pixels\":".length(), pixelsOf("0", 784).length() - 1);
        String body = "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(MAX_BATCH + 1, row)) + "]}";
        refused(http.postJson("/v1/predict", body), 400, "at most " + MAX_BATCH);
    }

    @Test
    @DisplayName("a body over the limit is 413, by its Content-Length or, chunked, while reading")
    void bodyTooLarge() {
        byte[] big = new byte[MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        refused(http.post("/v1/predict", "application/json", big), 413, "at most " + MAX_BODY);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                + "/v1/predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        refused(http.send(chunked), 413, "more than " + MAX_BODY);
    }

    @Test
    @DisplayName("a Content-Length far over the limit is refused before the body is sent")
    void declaredTooLarge() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 10000000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", answer);
        }
    }

    @Test
    @DisplayName("a picture that is not PNG or JPEG, a broken one, a blank one: 400 naming the problem")
    void badPictures() throws IOException {
        refused(http.post("/v1/predict", "image/png", "not a picture".getBytes(StandardCharsets.UTF_8)), 400,
                "not a PNG or JPEG");
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(DigitImages.grey(new float[64], 8, 8), "gif", gif);
        refused(http.post("/v1/predict", "image/gif", gif.toByteArray()), 400, "only PNG and JPEG");
        byte[] png = ServedModel.picture(ServedModel.images(), 0, "png");
        refused(http.post("/v1/predict", "image/png", Arrays.copyOf(png, png.length / 2)), 400, "request body");
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        ImageIO.write(DigitImages.grey(new float[28 * 28], 28, 28), "png", blank);
        refused(http.post("/v1/predict", "image/png", blank.toByteArray()), 400, "no digit found");
        refused(http.post("/v1/predict", "image/png", new byte[0]), 400, "empty body");
    }

    @Test
    @DisplayName("a PNG whose header claims a huge picture is refused from the header, not decoded")
    void hugePicture() throws IOException {
        refused(http.post("/v1/predict", "image/png", pngClaiming(100_000, 100_000)), 400, "100000x100000 pixels");
        refused(http.post("/v1/predict", "image/png", pngClaiming(5000, 5000)), 400, "truncated or forged");
    }

    /** A small valid PNG with its IHDR rewritten to claim {@code width x height} (and its CRC fixed). */
    static byte[] pngClaiming(int width, int height) throws IOException {
        byte[] png = ServedModel.picture(ServedModel.images(), 0, "png");
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, width).putInt(20, height); // signature 8, length 4, "IHDR" 4, then width and height
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17); // "IHDR" and its 13 bytes of data
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    @Test
    @DisplayName("an unknown path is 404, a wrong method 405, a type that is neither image nor JSON 415, a bad top 400")
    void pathsMethodsTypes() {
        refused(http.get("/v2/predict"), 404, "no such path: /v2/predict");
        refused(http.get("/v1/predict"), 405, "GET is not allowed here; use POST");
        refused(http.postJson("/healthz", "{}"), 405, "POST is not allowed here; use GET");
        refused(http.post("/v1/predict", "text/plain", "7".getBytes(StandardCharsets.UTF_8)), 415, "text/plain");
        refused(http.postJson("/v1/predict?top=0", pixelsOf("0", 784)), 400, "top=0");
        refused(http.postJson("/v1/predict?top=eleven", pixelsOf("0", 784)), 400, "top=eleven");
    }

    @Test
    @DisplayName("garbage instead of HTTP closes that connection only")
    void garbage() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("\u0000\u0001 hello\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes(); // the JDK server answers 400 or just closes
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 400"), text);
        }
        assertEquals(200, http.get("/healthz").status());
    }
}
