package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.mnist.testing.TestData.idxLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLocatorTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final List<List<MnistFile>> downloads = new ArrayList<>();

    /** A downloader whose single source records what was asked and delivers tiny files with matching sums. */
    private final Supplier<MnistDownloader> recording = () -> new MnistDownloader(List.of(new MnistSource() {
        @Override
        public String description() {
            return "fake";
        }

        @Override
        public void fetch(MnistFile file, Path target) throws IOException {
            Files.write(target, idxLabels(new byte[] {(byte) file.ordinal()}));
        }
    }), f -> sha(idxLabels(new byte[] {(byte) f.ordinal()})), line -> { });

    private MnistLocator locator(Supplier<MnistDownloader> downloader) {
        return new MnistLocator(env::get, dir.resolve("home"), () -> {
            MnistDownloader d = downloader.get();
            downloads.add(new ArrayList<>());
            return d;
        });
    }

    @Test
    void cacheIsUnderXdgCacheHomeOrHome() {
        assertEquals(dir.resolve("home/.cache/nnfs/mnist"), locator(recording).cacheDirectory());
        env.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        assertEquals(dir.resolve("xdg/nnfs/mnist"), locator(recording).cacheDirectory());
        env.put("XDG_CACHE_HOME", "relative/is/ignored");
        assertEquals(dir.resolve("home/.cache/nnfs/mnist"), locator(recording).cacheDirectory());
    }

    @Test
    void explicitDirectoryWinsAndIsNeverDownloadedInto() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        touch(data, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte");
        env.put("MNIST_DIR", dir.resolve("elsewhere").toString());
        assertEquals(data, locator(recording).locate(data, MnistSplit.TEST));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> locator(recording).locate(data, MnistSplit.TRAIN, MnistSplit.TEST));
        assertTrue(e.getMessage().startsWith("MNIST file(s) [train-images-idx3-ubyte, train-labels-idx1-ubyte] not found in "
                + data + " (from --data). Put the four MNIST files"), e.getMessage());
        assertEquals(List.of(), downloads);
    }

    @Test
    void environmentVariableComesNext() throws IOException {
        Path data = Files.createDirectories(dir.resolve("env"));
        env.put("MNIST_DIR", data.toString());
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> locator(recording).locate(null, MnistSplit.TRAIN));
        assertTrue(e.getMessage().contains("(from MNIST_DIR)"), e.getMessage());
        touch(data, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        assertEquals(data, locator(recording).locate(null, MnistSplit.TRAIN));
        assertEquals(List.of(), downloads);
    }

    @Test
    void cacheIsFilledWithOnlyTheMissingFiles() throws IOException {
        Path cache = dir.resolve("home/.cache/nnfs/mnist");
        Files.createDirectories(cache);
        touch(cache, "t10k-images-idx3-ubyte");
        assertEquals(cache, locator(recording).locate(null, MnistSplit.TEST));
        assertEquals(1, downloads.size());
        assertTrue(Files.isRegularFile(cache.resolve("t10k-labels-idx1-ubyte")));
        assertEquals(List.of(), MnistLocator.missing(cache, MnistSplit.TEST));
        // Everything there now: no second download.
        assertEquals(cache, locator(() -> {
            throw new AssertionError("must not download");
        }).locate(null, MnistSplit.TEST));
    }

    private static void touch(Path d, String... names) throws IOException {
        for (String n : names) {
            Files.write(d.resolve(n), new byte[] {1});
        }
    }

    private static String sha(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
