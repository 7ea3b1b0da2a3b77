package org.nnfs.interop.safetensors;

import static org.nnfs.interop.testing.SmallHeap.assertRejected;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.interop.testing.SmallHeap;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;

/** safetensors files that claim more than they hold are rejected before anything is allocated, in a 64 MB heap. */
class SafeTensorsBoundedAllocationTest {
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        SmallHeap.require();
        Path file = Files.write(warmUp.resolve("warm-up.safetensors"),
                SafeTensorsFuzzTest.wrap("{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        Assertions.assertThrows(InvalidModelFileException.class, () -> SafeTensors.load(file, new ReferenceBackend()));
    }

    private Path file(String header, int dataBytes) throws IOException {
        return Files.write(dir.resolve("crafted.safetensors"),
                SafeTensorsFuzzTest.wrap(header.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]));
    }

    private void assertRejectedFile(Path file, String reason) {
        assertRejected(InvalidModelFileException.class, () -> SafeTensors.load(file, backend), reason);
    }

    @Test
    @DisplayName("a header length of 2^63 - 1, or of 100 MB, in a file of 20 bytes")
    void headerLongerThanTheFile() throws IOException {
        for (long claimed : new long[] {Long.MAX_VALUE, 100_000_000L}) {
            byte[] bytes = new byte[20];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(claimed);
            assertRejectedFile(Files.write(dir.resolve("long.safetensors"), bytes), "does not fit a file of 20 bytes");
        }
    }

    @Test
    @DisplayName("a tensor of 10^18 values claimed in 8 bytes")
    void tensorLargerThanTheFile() throws IOException {
        assertRejectedFile(file("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1000000000,1000000000],"
                + "\"data_offsets\":[0,8]}}", 8), "needs more bytes than the file holds");
    }

    @Test
    @DisplayName("an architecture of two thousand 46340-wide layers (17 TB of weights) over one small tensor")
    void architectureLargerThanTheTensors() throws IOException {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            layers.append(i == 0 ? "" : ",").append("{\\\"type\\\":\\\"dense\\\",\\\"config\\\":{\\\"units\\\":\\\"46340\\\"}}");
        }
        String architecture = "{\\\"dtype\\\":\\\"float32\\\",\\\"input\\\":46340,\\\"layers\\\":[" + layers + "]}";
        assertRejectedFile(file("{\"__metadata__\":{\"nnfs.model\":\"" + architecture + "\"},"
                + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "tensor '0.weight' is F32 [1] but the model's is F32 [46340, 46340]");
    }

    @Test
    @DisplayName("a real 2 MB model still loads in the same small heap")
    void honestModelLoads() throws IOException {
        Sequential model = Sequential.builder(784).dense(640).relu().build(backend);
        Path file = dir.resolve("honest.safetensors");
        SafeTensors.save(model, file);
        Assertions.assertEquals(784 * 640 + 640, SafeTensors.load(file, backend).parameterCount());
    }
}
