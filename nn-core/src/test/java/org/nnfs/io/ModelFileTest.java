package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/** Hostile and broken model files: each gets an {@link InvalidModelFileException} that says why. */
class ModelFileTest {
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Sequential model = Sequential.builder(6).dense(4).relu().dense(3).softmax().build(backend);
        Path file = dir.resolve("m.nnfs");
        ModelFile.save(model, file);
        return file;
    }

    private static String messageOf(Path file, Backend backend) {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, backend));
        assertTrue(e instanceof InvalidModelFileException || e instanceof NoSuchFileException, e.toString());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    /** A file with a valid preamble and checksum around the given header and data length. */
    private Path crafted(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + h.length + dataBytes + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NNFSMODL".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(h.length).put(h);
        b.position(b.position() + dataBytes);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path file = dir.resolve("crafted.nnfs");
        Files.write(file, b.array());
        return file;
    }

    @Test
    @DisplayName("a missing file is reported as such")
    void missing() {
        assertTrue(messageOf(dir.resolve("nope.nnfs"), backend).contains("not found"));
    }

    @Test
    @DisplayName("every truncation of a valid file is rejected")
    void truncated() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        Path cut = dir.resolve("cut.nnfs");
        for (int length : new int[] {0, 1, 8, 15, 16, 30, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            String m = messageOf(cut, backend);
            assertTrue(m.contains("short") || m.contains("truncated") || m.contains("checksum"), length + ": " + m);
        }
    }

    @Test
    @DisplayName("a flipped bit anywhere is caught by the checksum")
    void corrupted() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 16; i < bytes.length; i += Math.max(1, bytes.length / 37)) {
            byte[] copy = bytes.clone();
            copy[i] ^= 0x10;
            Path bad = dir.resolve("bad.nnfs");
            Files.write(bad, copy);
            String m = messageOf(bad, backend);
            assertTrue(m.contains("checksum") || m.contains("header"), i + ": " + m);
        }
    }

    @Test
    @DisplayName("a foreign file and an unknown version are named as such")
    void foreignAndVersion() throws IOException {
        Path png = dir.resolve("digit.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0});
        assertTrue(messageOf(png, backend).contains("not a model file"));
        byte[] bytes = Files.readAllBytes(saved());
        bytes[8] = 9;
        Path v9 = dir.resolve("v9.nnfs");
        Files.write(v9, bytes);
        assertTrue(messageOf(v9, backend).contains("version 9"));
    }

    @Test
    @DisplayName("a header claiming huge tensors is rejected before anything is allocated")
    void hugeClaims() throws IOException {
        String header = "{\"format\":\"nnfs-model\",\"version\":1,\"dtype\":\"float32\",\"input\":2000000000,"
                + "\"init\":\"he\",\"seed\":1,\"layers\":[{\"type\":\"dense\",\"config\":{\"units\":2000000000}}],"
                + "\"parameters\":2,\"tensors\":[{\"name\":\"dense_0.weight\",\"rows\":2000000000,\"cols\":2000000000},"
                + "{\"name\":\"dense_0.bias\",\"rows\":1,\"cols\":2000000000}]}";
        String m = messageOf(crafted(header, 64), backend);
        assertTrue(m.contains("more elements than any tensor can hold"), m);
        String many = header.replace("2000000000,\"cols\":2000000000}", "20000,\"cols\":20000}");
        m = messageOf(crafted(many, 64), backend);
        assertTrue(m.contains("tensor table describes more than"), m);
    }

    @Test
    @DisplayName("an architecture that needs more weights than the file holds is rejected before building")
    void architectureBeyondData() throws IOException {
        String header = "{\"format\":\"nnfs-model\",\"version\":1,\"dtype\":\"float32\",\"input\":2,"
                + "\"init\":\"he\",\"seed\":1,\"layers\":[{\"type\":\"dense\",\"config\":{\"units\":2000000000}}],"
                + "\"parameters\":2,\"tensors\":[{\"name\":\"dense_0.weight\",\"rows\":2,\"cols\":1},"
                + "{\"name\":\"dense_0.bias\",\"rows\":1,\"cols\":1}]}";
        assertTrue(messageOf(crafted(header, 12), backend).contains("parameter values"));
        String wide = "{\"format\":\"nnfs-model\",\"version\":1,\"dtype\":\"float32\",\"input\":2000000000,"
                + "\"init\":\"he\",\"seed\":1,\"layers\":[{\"type\":\"softmax\",\"config\":{}}],"
                + "\"parameters\":0,\"tensors\":[]}";
        // Nothing to read, nothing allocated: loading succeeds without touching 2e9 columns.
        try {
            ModelFile.load(crafted(wide, 0), backend);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("malformed headers name the field")
    void malformedHeaders() throws IOException {
        assertTrue(messageOf(crafted("{not json", 0), backend).contains("not valid JSON"));
        assertTrue(messageOf(crafted("[1,2]", 0), backend).contains("not a JSON object"));
        assertTrue(messageOf(crafted("{\"format\":\"other\"}", 0), backend).contains("'format'"));
        String noDtype = "{\"format\":\"nnfs-model\",\"input\":2}";
        assertTrue(messageOf(crafted(noDtype, 0), backend).contains("'dtype' is missing"));
        String badLayer = "{\"format\":\"nnfs-model\",\"dtype\":\"float32\",\"input\":2,\"init\":\"he\",\"seed\":1,"
                + "\"layers\":[{\"type\":\"conv9d\",\"config\":{}}],\"parameters\":0,\"tensors\":[]}";
        assertTrue(messageOf(crafted(badLayer, 0), backend).contains("conv9d"));
        String negative = "{\"format\":\"nnfs-model\",\"dtype\":\"float32\",\"input\":-3,\"init\":\"he\",\"seed\":1}";
        assertTrue(messageOf(crafted(negative, 0), backend).contains("'input'"));
    }

    @Test
    @DisplayName("saving over an existing model replaces it whole")
    void overwrite() throws IOException {
        Path file = saved();
        Sequential other = Sequential.builder(6).dense(4).relu().dense(3).softmax().seed(99).build(backend);
        ModelFile.save(other, file);
        assertArrayEquals(other.parameters().get(0).value().toFloatArray(),
                ModelFile.load(file, backend).parameters().get(0).value().toFloatArray());
    }
}
