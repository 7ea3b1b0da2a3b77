package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives made by the system's tar, in each of its formats, are the oracle. */
class TarGzReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ustar", "gnu", "pax"})
    void extractsMembersFromArchivesTarWrites(String format) throws Exception {
        Path tgz = TarFixtures.packageTarball(dir, format, "data/t10k-labels-idx1-ubyte", new byte[] {0, 0, 8, 1, 7},
                // Over 100 characters: a ustar prefix, a GNU long name or a pax path, depending on the format.
                "a".repeat(60) + "/" + "b".repeat(60) + "/t10k-images-idx3-ubyte",
                bytesOf(1300));
        Path out = dir.resolve("out");
        TarGzReader.extract(tgz, "t10k-labels-idx1-ubyte", out, 1000);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 7}, Files.readAllBytes(out));
        Files.delete(out);
        TarGzReader.extract(tgz, "t10k-images-idx3-ubyte", out, 2000);
        assertArrayEquals(bytesOf(1300), Files.readAllBytes(out));
    }

    @Test
    void missingAndOversizedMembersAreErrors() throws Exception {
        Path tgz = TarFixtures.packageTarball(dir, "ustar", "data/a", bytesOf(600));
        IOException e = assertThrows(IOException.class, () -> TarGzReader.extract(tgz, "b", dir.resolve("o1"), 1000));
        assertTrue(e.getMessage().contains("no member named b"), e.getMessage());
        assertTrue(e.getMessage().contains("package/data/a"), e.getMessage());
        e = assertThrows(IOException.class, () -> TarGzReader.extract(tgz, "a", dir.resolve("o2"), 100));
        assertTrue(e.getMessage().contains("600 bytes, more than 100"), e.getMessage());
    }

    @Test
    void nameMustMatchAWholePathComponent() throws Exception {
        Path tgz = TarFixtures.packageTarball(dir, "ustar", "data/xt10k", bytesOf(3), "data/t10k", bytesOf(5));
        Path out = dir.resolve("o");
        TarGzReader.extract(tgz, "t10k", out, 100);
        assertEquals(5, Files.size(out));
    }

    static byte[] bytesOf(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }
}
