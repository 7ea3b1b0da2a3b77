package org.nnfs.mnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Writes the seed inputs of {@link TarGzReaderFuzzTest}: npm-like tarballs made by the system's tar in
 * its three formats (a long path in each, the member asked for, one without it, one with it too large),
 * each as the {@code .tgz} itself (mode 0) and as the tar to be gzipped by the target (mode 1). Run once:
 *
 * <pre>
 * java -cp &lt;nn-mnist test class path&gt; org.nnfs.mnist.data.TarSeeds \
 *     nn-mnist/src/test/resources/org/nnfs/mnist/data/TarGzReaderFuzzTestInputs/extract
 * </pre>
 */
public final class TarSeeds {
    private TarSeeds() {
    }

    /** Writes the seeds into the directory {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("tar-seeds");
        String member = TarGzReaderFuzzTest.MEMBER;
        String longPath = "a".repeat(60) + "/" + "b".repeat(60) + "/" + member;
        for (String format : new String[] {"ustar", "gnu", "pax"}) {
            seed(out, format + "-long-path", TarFixtures.packageTarball(work, format, "package.json", "{}".getBytes(),
                    longPath, TarGzReaderTest.bytesOf(300)));
        }
        seed(out, "ustar-member", TarFixtures.packageTarball(work, "ustar", "data/" + member, new byte[] {0, 0, 8, 1, 7}));
        seed(out, "ustar-no-member", TarFixtures.packageTarball(work, "ustar", "data/other", new byte[] {1, 2, 3}));
        seed(out, "ustar-too-large", TarFixtures.packageTarball(work, "ustar", "data/" + member,
                TarGzReaderTest.bytesOf((int) TarGzReaderFuzzTest.MAX_BYTES + 1)));
    }

    private static void seed(Path dir, String name, Path tgz) throws IOException {
        byte[] gzipped = Files.readAllBytes(tgz);
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            tar = in.readAllBytes();
        }
        Files.write(dir.resolve(name + "-tgz"), ByteBuffer.allocate(1 + gzipped.length).put((byte) 0).put(gzipped).array());
        Files.write(dir.resolve(name + "-tar"), ByteBuffer.allocate(1 + tar.length).put((byte) 1).put(tar).array());
    }
}
