package org.nnfs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;

class ModelFormatTest {
    private final Backend backend = Backends.get("reference");
    private final Sequential model = Sequential.builder(4).dense(3).relu().dense(2).softmax().build(backend);

    @TempDir
    Path dir;

    @Test
    @DisplayName("the content tells the kind, whatever the extension says")
    void contentWins() throws IOException {
        for (ModelFormat format : ModelFormat.values()) {
            for (String name : new String[] {"model" + format.extension(), "model.onnx", "model.bin", "model"}) {
                Path file = dir.resolve(format.label() + "-" + name);
                format.save(model, file);
                assertEquals(format, ModelFormat.detect(file), file.toString());
                Sequential loaded = ModelFormat.load(file, backend);
                assertEquals(model.toString(), loaded.toString());
            }
        }
    }

    @Test
    @DisplayName("content that says nothing certain is taken by its extension, so the reader of that kind explains")
    void extensionBreaksTies() throws IOException {
        Path onnx = Files.write(dir.resolve("broken.onnx"), new byte[] {0x12, 0x00});
        assertEquals(ModelFormat.ONNX, ModelFormat.detect(onnx));
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> ModelFormat.load(onnx, backend));
        assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());

        Path nnfs = Files.write(dir.resolve("short.nnfs"), new byte[] {1});
        assertTrue(assertThrows(InvalidModelFileException.class, () -> ModelFormat.load(nnfs, backend)).getMessage()
                .contains("too short to be a model file"));

        Path text = Files.writeString(dir.resolve("notes"), "hello");
        assertTrue(assertThrows(InvalidModelFileException.class, () -> ModelFormat.detect(text)).getMessage()
                .endsWith("not a model file this library reads: neither a model file of this library (they start "
                        + "with \"NNFSMODL\"), nor an ONNX model, nor a safetensors file"));
        assertTrue(assertThrows(NoSuchFileException.class, () -> ModelFormat.detect(dir.resolve("missing")))
                .getMessage().contains("model file not found"));
    }

    @Test
    @DisplayName("format names from the command line, any case; others are refused naming the three")
    void parse() {
        assertEquals(ModelFormat.SAFETENSORS, ModelFormat.parse("SafeTensors"));
        assertEquals("unknown model format 'h5'; expected one of nnfs, onnx, safetensors",
                assertThrows(IllegalArgumentException.class, () -> ModelFormat.parse("h5")).getMessage());
    }
}
