package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TensorSpec;
import org.nnfs.loss.Loss;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Trainer;

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
        return messageOf(file, backend, false);
    }

    private static String messageOf(Path file, Backend backend, boolean withTraining) {
        IOException e = assertThrows(IOException.class, () -> {
            if (withTraining) {
                ModelFile.loadCheckpoint(file, backend);
            } else {
                ModelFile.load(file, backend);
            }
        });
        assertTrue(e instanceof InvalidModelFileException || e instanceof NoSuchFileException, e.toString());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    /** A version-1 file with a valid preamble and checksum around the given header and data length. */
    private Path crafted(String header, int dataBytes) throws IOException {
        return crafted(1, header, dataBytes);
    }

    /** A file of {@code version} with a valid preamble and checksum around the given header and data length. */
    private Path crafted(int version, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + h.length + dataBytes + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NNFSMODL".getBytes(StandardCharsets.US_ASCII)).putInt(version).putInt(h.length).put(h);
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
    @DisplayName("a file far longer than its header describes is refused at once, not read through")
    void sparseFileBeyondItsHeader() throws IOException {
        Path file = saved();
        long described = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(16L << 30); // 16 GiB of holes: no disk space, but 45 s to read through
        }
        String m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> messageOf(file, backend));
        assertTrue(m.contains("describes " + (described - 16 - 4 - headerLength(file)) + " bytes of data but the file holds "
                + ((16L << 30) - 16 - 4 - headerLength(file))), m);
    }

    private static int headerLength(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(12);
            return Integer.reverseBytes(f.readInt());
        }
    }

    @Test
    @DisplayName("a folder given as a model file is named as such")
    void folder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        assertTrue(messageOf(folder, backend).endsWith(folder + ": is a directory, not a model file"));
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

    /** A version-2 header over a 2-input model of one recenter layer (parameter, buffer) and the given table. */
    private static String recenterHeader(String tensors) {
        return "{\"format\":\"nnfs-model\",\"version\":2,\"dtype\":\"float32\",\"input\":2,\"init\":\"he\","
                + "\"seed\":1,\"layers\":[{\"type\":\"test_recenter\",\"config\":{}}],\"tensors\":" + tensors + "}";
    }

    @Test
    @DisplayName("a version-2 table must list the layers' declared tensors: names, kinds and shapes")
    void tableMatchesDeclarations() throws IOException {
        String honest = "[{\"name\":\"test_recenter_0.offset\",\"kind\":\"parameter\",\"rows\":1,\"cols\":2},"
                + "{\"name\":\"test_recenter_0.running_mean\",\"kind\":\"buffer\",\"rows\":1,\"cols\":2}]";
        Sequential loaded = ModelFile.load(crafted(2, recenterHeader(honest), 16), backend);
        assertTrue(loaded.tensors().get(1).value().hasShape(1, 2));

        String swapped = honest.replace("\"kind\":\"parameter\"", "\"kind\":\"x\"")
                .replace("\"kind\":\"buffer\"", "\"kind\":\"parameter\"").replace("\"kind\":\"x\"", "\"kind\":\"buffer\"");
        String m = messageOf(crafted(2, recenterHeader(swapped), 16), backend);
        assertTrue(m.contains("does not match the model's parameter 'test_recenter_0.offset' [1, 2]"), m);
        String renamed = honest.replace("running_mean", "running_var");
        m = messageOf(crafted(2, recenterHeader(renamed), 16), backend);
        assertTrue(m.contains("buffer 'test_recenter_0.running_var' [1, 2] does not match the model's buffer "
                + "'test_recenter_0.running_mean'"), m);
        String noBuffer = "[{\"name\":\"test_recenter_0.offset\",\"kind\":\"parameter\",\"rows\":1,\"cols\":2}]";
        m = messageOf(crafted(2, recenterHeader(noBuffer), 8), backend);
        assertTrue(m.contains("the layers need 2 buffer values but the file's buffer tensors hold 0"), m);
        String unknownKind = honest.replace("\"kind\":\"buffer\"", "\"kind\":\"weights\"");
        m = messageOf(crafted(2, recenterHeader(unknownKind), 16), backend);
        assertTrue(m.contains("tensor kind 'weights' is not one of {parameter, buffer, optimizer, best}"), m);
        String stray = honest.replace("]", ",{\"name\":\"extra\",\"kind\":\"buffer\",\"rows\":1,\"cols\":1}]");
        m = messageOf(crafted(2, recenterHeader(stray), 20), backend);
        assertTrue(m.contains("the layers need 2 buffer values but the file's buffer tensors hold 3"), m);
    }

    @Test
    @DisplayName("optimizer state must fit the optimizer and the parameters before anything is allocated")
    void optimizerStateIsChecked() throws IOException {
        String training = ",\"training\":{\"loss\":\"mse\",\"optimizer\":\"momentum\",\"optimizer_config\":{},"
                + "\"optimizer_steps\":3,\"epochs_completed\":1,\"seed\":1,\"history\":[]}";
        String table = "[{\"name\":\"test_recenter_0.offset\",\"kind\":\"parameter\",\"rows\":1,\"cols\":2},"
                + "{\"name\":\"test_recenter_0.running_mean\",\"kind\":\"buffer\",\"rows\":1,\"cols\":2}";
        String ok = recenterHeader(table + ",{\"name\":\"optimizer.0\",\"kind\":\"optimizer\",\"rows\":1,\"cols\":2}]");
        ok = ok.substring(0, ok.length() - 1) + training + "}";
        Trainer trainer = Trainer.resume(ModelFile.loadCheckpoint(crafted(2, ok, 24), backend));
        assertEquals(3, trainer.optimizerState().steps());
        assertEquals(1, trainer.optimizerState().tensors().size());

        String wrongShape = ok.replace("\"optimizer.0\",\"kind\":\"optimizer\",\"rows\":1,\"cols\":2",
                "\"optimizer.0\",\"kind\":\"optimizer\",\"rows\":2,\"cols\":1");
        String m = messageOf(crafted(2, wrongShape, 24), backend, true);
        assertTrue(m.contains("optimizer 'optimizer.0' [2, 1] does not match optimizer state 'optimizer.0' [1, 2]"), m);
        String adam = ok.replace("\"optimizer\":\"momentum\"", "\"optimizer\":\"adam\"");
        m = messageOf(crafted(2, adam, 24), backend, true);
        assertTrue(m.contains("optimizer 'adam' keeps 3 state tensors but the file holds 1"), m);
        String badSetting = ok.replace("\"optimizer_config\":{}", "\"optimizer_config\":{\"nesterov\":\"maybe\"}");
        m = messageOf(crafted(2, badSetting, 24), backend, true);
        assertTrue(m.contains("invalid training state: optimizer 'momentum': setting 'nesterov' must be true or false"), m);
        // A reader of the model alone does not need the training state to make sense.
        assertEquals(2, ModelFile.load(crafted(2, adam, 24), backend).parameterCount());
    }

    @Test
    @DisplayName("a model the registry could not rebuild is refused before anything is written")
    void unregisteredComponentsAreNotSaved() throws IOException {
        Layer unregistered = new Layer() {
            @Override
            public String type() {
                return "my_layer";
            }

            @Override
            public java.util.Map<String, String> config() {
                return java.util.Map.of();
            }

            @Override
            public int outputSize(int inputSize) {
                return inputSize;
            }

            @Override
            public LayerRunner runner(LayerContext context) {
                return new Recenter(0.5).runner(context);
            }
        };
        Path file = dir.resolve("never.nnfs");
        Sequential model = Sequential.builder(2).add(unregistered).build(backend);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, file));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("Unknown layer"), e.getMessage());
        assertFalse(Files.exists(file));

        // Registered under its type, but declaring other tensors than its registration makes.
        Layer impostor = new Recenter(0.5);
        Layer lying = new Layer() {
            @Override
            public String type() {
                return Recenter.TYPE;
            }

            @Override
            public java.util.Map<String, String> config() {
                return impostor.config();
            }

            @Override
            public int outputSize(int inputSize) {
                return inputSize;
            }

            @Override
            public java.util.List<TensorSpec> tensors(int inputSize) {
                return java.util.List.of(TensorSpec.parameter("offset", 1, inputSize));
            }

            @Override
            public LayerRunner runner(LayerContext context) {
                throw new AssertionError();
            }
        };
        Sequential liar = Sequential.builder(2).add(lying).build(backend);
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(liar, file));
        assertTrue(e.getMessage().contains("does not rebuild from its type 'test_recenter'"), e.getMessage());

        Loss custom = new MeanSquaredError();
        Trainer t = Trainer.builder(Sequential.builder(2).dense(1).build(backend)).loss(new Loss() {
            @Override
            public String type() {
                return "my_loss";
            }

            @Override
            public double compute(Tensor output, Tensor target, Tensor grad) {
                return custom.compute(output, target, grad);
            }
        }).build();
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(t.checkpoint(), file));
        assertTrue(e.getMessage().startsWith("the loss (") && e.getMessage().contains("Unknown loss"), e.getMessage());
        assertFalse(Files.exists(file));
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
