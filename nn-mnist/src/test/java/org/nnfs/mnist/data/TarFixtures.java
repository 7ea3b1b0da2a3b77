package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds npm-like tarballs ({@code package/...}) with the system's {@code tar}. */
final class TarFixtures {
    private TarFixtures() {
    }

    /**
     * A {@code .tgz} holding {@code package/<path>} for each (path, content) pair.
     *
     * @param format tar's {@code --format}: ustar, gnu or pax
     */
    static Path packageTarball(Path dir, String format, Object... pathsAndContents) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(dir, "tree");
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = root.resolve("package").resolve((String) pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.write(file, (byte[]) pathsAndContents[i + 1]);
        }
        Path tgz = Files.createTempFile(dir, "pkg", ".tgz");
        Process p = new ProcessBuilder("tar", "--format=" + format, "-czf", tgz.toString(), "-C", root.toString(), "package")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tar failed: " + output);
        }
        return tgz;
    }
}
