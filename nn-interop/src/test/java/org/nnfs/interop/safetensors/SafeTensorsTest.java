package org.nnfs.interop.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.interop.testing.Close.assertClose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.interop.testing.ModelKinds;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

class SafeTensorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backend REFERENCE = Backends.get("reference");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("org.nnfs.interop.testing.ModelKinds#onEveryBackend")
    @DisplayName("nnfs -> safetensors -> nnfs gives the same model and the same outputs")
    void roundTrip(String backendName, DType dtype, ModelKinds.Kind kind) throws IOException {
        Backend backend = Backends.get(backendName);
        Sequential model = kind.build(backend, dtype);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.save(model, file);
        Sequential loaded = SafeTensors.load(file, backend);
        assertEquals(model.toString(), loaded.toString());
        assertEquals(dtype, loaded.dtype());
        for (int i = 0; i < model.tensors().size(); i++) {
            assertArrayEquals(model.tensors().get(i).value().toDoubleArray(),
                    loaded.tensors().get(i).value().toDoubleArray(), model.tensors().get(i).name());
        }
        Tensor x = ModelKinds.images(backend, dtype);
        assertClose(model.predict(x).toDoubleArray(), loaded.predict(x).toDoubleArray(), 1e-5, "outputs");
    }

    @Test
    @DisplayName("the layout of PyTorch's nn.Sequential: '0.weight' [out, in], '0.bias' [out], aligned header, metadata")
    void layout() throws IOException {
        Sequential model = Sequential.builder(3).dense(2).relu().add("rescale").dense(4).softmax().build(REFERENCE);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.save(model, file);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        JsonNode header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip());
        List<String> keys = new ArrayList<>();
        header.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("__metadata__", "0.weight", "0.bias", "2.center", "2.scale", "2.offset", "3.weight",
                "3.bias"), keys);
        assertEquals("[2,3]", header.get("0.weight").get("shape").toString());
        assertEquals("[2]", header.get("0.bias").get("shape").toString());
        assertEquals("[2]", header.get("2.scale").get("shape").toString());
        assertEquals("F32", header.get("3.weight").get("dtype").asText());
        assertEquals("pt", header.get("__metadata__").get("format").asText());
        JsonNode architecture = JSON.readTree(header.get("__metadata__").get("nnfs.model").asText());
        assertEquals("[\"dense\",\"relu\",\"rescale\",\"dense\",\"softmax\"]",
                JSON.valueToTree(architecture.get("layers").findValuesAsText("type")).toString());

        // 0.weight holds W transposed: element (o, i) of the file is W[i][o] of the model.
        double[] w = model.tensors().get(0).value().toDoubleArray(); // [3, 2]
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = 8 + (int) n + header.get("0.weight").get("data_offsets").get(0).asInt();
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                assertEquals((float) w[i * 2 + o], data.getFloat(start + 4 * (o * 3 + i)));
            }
        }
    }

    @Test
    @DisplayName("refuses a file without the architecture, with a tensor too many or of another shape or dtype")
    void refusesMismatches() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.save(Sequential.builder(3).dense(2).build(REFERENCE), file);
        byte[] bytes = Files.readAllBytes(file);
        ObjectNode header = header(bytes);
        byte[] data = data(bytes);

        ObjectNode foreign = header.deepCopy();
        ((ObjectNode) foreign.get("__metadata__")).remove("nnfs.model");
        assertRefused(write("foreign", foreign, data), "holds no 'nnfs.model' metadata");

        ObjectNode extra = header.deepCopy();
        extra.set("1.weight", JSON.readTree("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]}"));
        assertRefused(write("extra", extra, java.util.Arrays.copyOf(data, 36)), "tensor '1.weight' belongs to no layer");

        ObjectNode shape = header.deepCopy();
        ((ObjectNode) shape.get("0.weight")).set("shape", JSON.readTree("[3,2]"));
        assertRefused(write("shape", shape, data), "tensor '0.weight' is F32 [3, 2] but the model's is F32 [2, 3]");

        ObjectNode dtype = header.deepCopy();
        ((ObjectNode) dtype.get("0.weight")).put("dtype", "I32");
        assertRefused(write("dtype", dtype, data), "tensor '0.weight' is I32 [2, 3] but the model's is F32 [2, 3]");
    }

    @Test
    @DisplayName("refuses what the safetensors format forbids: short files, long headers, holes, overlaps, bad sizes")
    void refusesBrokenFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.save(Sequential.builder(3).dense(2).build(REFERENCE), file);
        byte[] bytes = Files.readAllBytes(file);
        ObjectNode header = header(bytes);
        byte[] data = data(bytes);

        assertRefused(Files.write(dir.resolve("short"), new byte[] {1, 2, 3}), "too short");
        assertRefused(Files.write(dir.resolve("truncated"), java.util.Arrays.copyOf(bytes, bytes.length - 1)),
                "tensor '0.bias': data_offsets [24, 32] are not a range within the 31 bytes of data (truncated");
        byte[] huge = bytes.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        assertRefused(Files.write(dir.resolve("huge"), huge), "header length 9223372036854775807 does not fit");

        ObjectNode overlap = header.deepCopy();
        ((ObjectNode) overlap.get("0.bias")).set("data_offsets", JSON.readTree("[20,28]"));
        assertRefused(write("overlap", overlap, data), "overlapping or missing ranges");

        ObjectNode size = header.deepCopy();
        ((ObjectNode) size.get("0.bias")).set("shape", JSON.readTree("[3]"));
        assertRefused(write("size", size, data), "needs 12 bytes but its data_offsets give 8");

        ObjectNode big = header.deepCopy();
        ((ObjectNode) big.get("0.weight")).set("shape", JSON.readTree("[4294967296, 4294967296, 16]"));
        assertRefused(write("big", big, data), "needs more bytes than the file holds");

        assertRefused(Files.write(dir.resolve("text"), "{\"not\": \"safetensors at all\"}".getBytes()), "header length");
    }

    /** The JSON header of a file's bytes. */
    private static ObjectNode header(byte[] bytes) throws IOException {
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return (ObjectNode) JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    }

    /** The data section of a file's bytes. */
    private static byte[] data(byte[] bytes) {
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return java.util.Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length);
    }

    private Path write(String name, ObjectNode header, byte[] data) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        return Files.write(dir.resolve(name + ".safetensors"), b.array());
    }

    private static void assertRefused(Path file, String part) {
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> SafeTensors.load(file, REFERENCE));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(part), e.getMessage());
    }
}
