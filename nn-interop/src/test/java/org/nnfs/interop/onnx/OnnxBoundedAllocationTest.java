package org.nnfs.interop.onnx;

import static org.nnfs.interop.onnx.GraphFile.in;
import static org.nnfs.interop.testing.SmallHeap.assertRejected;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.interop.onnx.proto.OnnxProto.StringStringEntryProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.interop.testing.SmallHeap;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/**
 * ONNX files that claim more than they hold are rejected before anything is allocated for the claim, in a
 * 64 MB heap (the {@code bounded-allocation} execution); an honest model still loads there.
 */
class OnnxBoundedAllocationTest {
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        SmallHeap.require();
        // Load the importer's classes (protobuf's among them) first, so the measurements count only the reading.
        Path file = Files.write(warmUp.resolve("warm-up.onnx"), new byte[] {8, 8});
        org.junit.jupiter.api.Assertions.assertThrows(InvalidModelFileException.class,
                () -> Onnx.load(file, new ReferenceBackend()));
    }

    private Path matMul(TensorProto weights, Object... inputDims) throws IOException {
        GraphFile g = new GraphFile(13).input("x", inputDims).output("y", "N", 2);
        g.initializer(weights);
        g.node("MatMul", in("x", weights.getName()), List.of("y"));
        return g.write(dir, "crafted.onnx");
    }

    private void assertRejectedOnnx(Path file, String reason) {
        assertRejected(InvalidModelFileException.class, () -> Onnx.load(file, backend), reason);
    }

    @Test
    @DisplayName("weights of 784 x 1,000,000 claimed with 12 bytes of data")
    void weightsLargerThanTheirData() throws IOException {
        assertRejectedOnnx(matMul(GraphFile.floats("w", new long[] {784, 1_000_000}, 1, 2, 3), "N", 784),
                "needs 3136000000 bytes of data but holds 12");
    }

    @Test
    @DisplayName("a constant of more elements than an array holds, and one with a negative dimension")
    void impossibleShapes() throws IOException {
        assertRejectedOnnx(matMul(GraphFile.floats("w", new long[] {1L << 31, 1L << 31}), "N", 4),
                "has more elements than any array can hold");
        assertRejectedOnnx(matMul(GraphFile.floats("w", new long[] {-4, 2}), "N", 4), "negative dimension");
    }

    @Test
    @DisplayName("external data claiming 4 GB of a 16-byte file")
    void externalDataLargerThanItsFile() throws IOException {
        Files.write(dir.resolve("weights.bin"), new byte[16]);
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1L << 15).addDims(1L << 15).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .build();
        assertRejectedOnnx(matMul(w, "N", 1 << 15), "needs 4294967296 bytes at offset 0 of 'weights.bin', which holds 16");
    }

    @Test
    @DisplayName("a scalar broadcast over a billion features described in a hundred bytes")
    void broadcastWiderThanTheFile() throws IOException {
        GraphFile g = new GraphFile(13).input("x", "N", 1_000_000_000).output("y", "N", 1_000_000_000);
        g.node("Mul", in("x", g.constant("two", new long[0], 2)), List.of("y"));
        assertRejectedOnnx(g.write(dir, "wide.onnx"), "would broadcast constant 'two' over 1000000000 features");
    }

    @Test
    @DisplayName("a real 2 MB model still loads in the same small heap")
    void honestModelLoads() throws IOException {
        Sequential model = Sequential.builder(784).dense(640).relu().build(backend);
        Path file = dir.resolve("honest.onnx");
        Onnx.save(model, file);
        org.junit.jupiter.api.Assertions.assertEquals(784 * 640 + 640, Onnx.load(file, backend).parameterCount());
    }
}
