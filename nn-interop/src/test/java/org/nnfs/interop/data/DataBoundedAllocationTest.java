package org.nnfs.interop.data;

import static org.nnfs.interop.testing.SmallHeap.assertRejected;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.interop.testing.SmallHeap;

/**
 * CSV and NumPy files cannot make the readers allocate more than they hold (a NumPy shape, a zip entry's
 * size, an endless CSV line), in a 64 MB heap; honest files of millions of values still load there.
 */
class DataBoundedAllocationTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void smallHeap(@TempDir Path warmUp) throws IOException {
        SmallHeap.require();
        Path npy = Files.write(warmUp.resolve("warm-up.npy"), new byte[] {1});
        Assertions.assertThrows(InvalidDataFileException.class, () -> NumPy.read(npy));
        Path csv = Files.writeString(warmUp.resolve("warm-up.csv"), "a,label\n");
        Assertions.assertThrows(InvalidDataFileException.class, () -> Csv.read(csv, "label"));
    }

    @Test
    @DisplayName("a .npy header claiming (1000000, 1000000) float64 over 16 bytes of data")
    void npyShapeLargerThanTheFile() throws IOException {
        Path file = Files.write(dir.resolve("big.npy"),
                NumPyTest.header(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", 16));
        assertRejected(InvalidDataFileException.class, () -> NumPy.read(file), "needs more than 16 bytes");
    }

    @Test
    @DisplayName("a .npz entry whose directory claims 2 GB, stored or deflated from a few bytes")
    void npzEntryLargerThanTheArchive() throws IOException {
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            Path file = dir.resolve("claims-" + method + ".npz");
            byte[] array = NumPyTest.header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                ZipEntry e = new ZipEntry("x.npy");
                e.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(array);
                    e.setSize(array.length);
                    e.setCompressedSize(array.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(array);
                zip.closeEntry();
            }
            byte[] bytes = Files.readAllBytes(file);
            int central = lastIndexOf(bytes, new byte[] {'P', 'K', 1, 2});
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(central + 24, Integer.MAX_VALUE);
            Files.write(file, bytes);
            assertRejected(InvalidDataFileException.class, () -> NumPy.readNpz(file), "claims 2147483647 bytes from");
        }
    }

    @Test
    @DisplayName("a CSV file of one 9-million-character line")
    void endlessCsvLine() throws IOException {
        Path file = dir.resolve("endless.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 9; i++) {
                out.write(chunk);
            }
        }
        assertRejected(InvalidDataFileException.class, () -> Csv.read(file, "label"), "line 1 is longer than");
    }

    @Test
    @DisplayName("an honest CSV of 2.4 million values (12 MB) loads in the same heap: no boxed values are kept")
    void honestCsvLoads() throws IOException {
        Path file = dir.resolve("honest.csv");
        int rows = 300_000;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("a,b,c,d,e,f,g,h,label\n");
            for (int r = 0; r < rows; r++) {
                w.write("1,2,3,4,5,6,7,8," + (r % 3) + "\n");
            }
        }
        LabeledData d = Csv.read(file, "label");
        Assertions.assertEquals(rows * 8, d.features().length);
        Assertions.assertEquals(3, d.classes().size());
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern) {
        for (int i = bytes.length - pattern.length; i >= 0; i--) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
