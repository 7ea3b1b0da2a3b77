package org.nnfs.interop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnfs.data.Dataset;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;

/** Arrays NumPy wrote (see make_arrays.py beside them) read back exactly; damaged headers are named. */
class NumPyTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(NumPyTest.class.getResource("numpy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What make_arrays.py wrote: i * 0.5 - 3 for floats, i % 7 for integers. */
    private static double[] expected(int n, boolean floating) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = floating ? i * 0.5 - 3 : i % 7;
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32.npy, FLOAT32, '3,4', true", "float64-big-endian.npy, FLOAT64, '2,3', true",
            "uint8-images.npy, UINT8, '5,2,3', false", "int64-labels.npy, INT64, '5', false",
            "int32-column.npy, INT32, '5,1', false", "version2.npy, FLOAT64, '2,2', true",
            "version3.npy, FLOAT64, '2,2', true"})
    @DisplayName("every element type, byte order and format version NumPy writes")
    void arrays(String file, NpyArray.Type type, String shape, boolean floating) throws Exception {
        NpyArray a = NumPy.read(resource(file));
        assertEquals(type, a.type());
        long[] dims = java.util.Arrays.stream(shape.split(",")).mapToLong(Long::parseLong).toArray();
        assertArrayEquals(dims, a.shape());
        assertArrayEquals(expected(a.size(), floating), a.toDoubles(), 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"savez.npz", "savez-compressed.npz"})
    @DisplayName("np.savez and np.savez_compressed archives, whole or by name, into a dataset")
    void archives(String file) throws Exception {
        Map<String, NpyArray> arrays = NumPy.readNpz(resource(file));
        assertEquals(List.of("x", "y"), List.copyOf(arrays.keySet()));
        assertArrayEquals(expected(24, true), arrays.get("x").toDoubles(), 0);
        LabeledData data = NumPy.classification(NumPy.readNpz(resource(file), "x"), NumPy.readNpz(resource(file), "y"));
        assertEquals(6, data.rows());
        assertEquals(4, data.cols());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, data.labels());
        Dataset dataset = data.toDataset(Backends.get("reference"), DType.FLOAT32);
        assertEquals(6, dataset.classes());
        assertEquals(4, dataset.inputSize());
    }

    @Test
    @DisplayName("images of (n, h, w) become rows of h·w features; labels of shape (n, 1) are accepted")
    void imagesAndColumnLabels() throws Exception {
        LabeledData data = NumPy.classification(NumPy.read(resource("uint8-images.npy")),
                NumPy.read(resource("int32-column.npy")));
        assertEquals(5, data.rows());
        assertEquals(6, data.cols());
        assertEquals(5f, data.features()[5]);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, data.labels());
    }

    @Test
    @DisplayName("refuses Fortran order, an archive without the array, labels that are not class numbers")
    void refusals() throws Exception {
        assertMessage(() -> NumPy.read(resource("fortran.npy")), "is in Fortran order");
        assertMessage(() -> NumPy.readNpz(resource("savez.npz"), "labels"), "has no array 'labels'; its arrays are [x, y]");
        NpyArray x = NumPy.read(resource("float32.npy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumPy.classification(x, NumPy.read(resource("float64-big-endian.npy"))));
        assertTrue(e.getMessage().contains("must be (3,), one per example"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NumPy.classification(
                NumPy.read(resource("version2.npy")), slice(NumPy.read(resource("float32.npy")))));
        assertTrue(e.getMessage().contains("example 0 has label -3.0"), e.getMessage());
    }

    @Test
    @DisplayName("damaged headers are named: magic, version, length, text, descr, shape against the data")
    void damagedHeaders() throws IOException {
        assertMessage(npy(new byte[] {1, 2, 3}), "not a NumPy array file");
        assertMessage(npy(header(9, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4)),
                "format version 9.0 is not one of 1.0, 2.0, 3.0");
        byte[] longHeader = header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60000);
        assertMessage(npy(longHeader), "header length 60000 does not fit the");
        assertMessage(npy(header(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", 8)),
                "'descr' is '<c8'");
        assertMessage(npy(header(1, "{'descr': '<f4', 'shape': (1,), }", 4)),
                "the dict must have exactly the keys");
        assertMessage(npy(header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, x), }", 4)),
                "expected a dimension (a non-negative integer) at character");
        assertMessage(npy(header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", 4)),
                "shape [100000, 100000] of <f4 needs more than 4 bytes of data but the file holds 4");
        assertMessage(npy(header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 12)),
                "needs 8 bytes of data but the file holds 12");
        Path zip = Files.write(dir.resolve("not.npz"), "PK but not really".getBytes(StandardCharsets.US_ASCII));
        assertMessage(() -> NumPy.readNpz(zip), "not a .npz (zip) archive");
    }

    /** A file of a header in format {@code version} and {@code dataBytes} zero bytes. */
    static byte[] header(int version, String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0}).putShort((short) text.length);
        b.put(text);
        return b.array();
    }

    private NumPyCall npy(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("array.npy"), bytes);
        return () -> NumPy.read(file);
    }

    /** The first two values of {@code a} as a (2,) array. */
    private static NpyArray slice(NpyArray a) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) a.get(0))
                .putFloat((float) a.get(1));
        return new NpyArray(NpyArray.Type.FLOAT32, new long[] {2}, b.flip());
    }

    @FunctionalInterface
    interface NumPyCall {
        Object call() throws IOException;
    }

    private static void assertMessage(NumPyCall call, String part) {
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, call::call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
