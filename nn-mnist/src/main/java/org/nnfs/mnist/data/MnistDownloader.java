package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fetches MNIST files into a directory from a list of sources, file by file, falling back to the next
 * source when one fails. Every file is verified against the SHA-256 of its uncompressed content before
 * it appears in the directory: it is written to a temporary file next to its final place and renamed
 * atomically, so an interrupted or corrupt download never leaves a file that looks complete.
 *
 * <p>A downloader owns its sources and closes them when {@link #download} returns; use it once.
 */
public final class MnistDownloader {
    private final List<MnistSource> sources;
    private final Function<MnistFile, String> expectedSha256;
    private final Consumer<String> log;

    /**
     * @param sources        tried in order for each file
     * @param expectedSha256 the hash each file's uncompressed content must have ({@link MnistFile#sha256}
     *                       in production; tests pass their own)
     * @param log            receives one line per attempt and failure
     */
    public MnistDownloader(List<MnistSource> sources, Function<MnistFile, String> expectedSha256, Consumer<String> log) {
        this.sources = List.copyOf(sources);
        this.expectedSha256 = expectedSha256;
        this.log = log;
    }

    /** The published checksums and the given sources. */
    public MnistDownloader(List<MnistSource> sources, Consumer<String> log) {
        this(sources, MnistFile::sha256, log);
    }

    /** The sources, in the order they are tried. */
    public List<MnistSource> sources() {
        return sources;
    }

    /**
     * Puts each of {@code files} into {@code dir} (as {@code name.gz} or {@code name}, whichever form the
     * source delivered).
     *
     * @throws MnistUnavailableException if some file could be had from no source; the message lists what
     *                                   each source said and how to provide the files by hand
     */
    public void download(Path dir, Collection<MnistFile> files) throws MnistUnavailableException {
        List<String> failures = new ArrayList<>();
        List<MnistFile> missing = new ArrayList<>();
        try {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new MnistUnavailableException("cannot create the MNIST cache directory " + dir + ": " + e
                        + ". " + MnistLocator.howToProvide(dir));
            }
            log.accept("Downloading MNIST file(s) " + files + " into " + dir);
            for (MnistFile file : files) {
                if (!fetchOne(dir, file, failures)) {
                    missing.add(file);
                }
            }
        } finally {
            closeSources();
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder("could not download MNIST file(s) ").append(missing)
                    .append(": every source failed");
            if (sources.isEmpty()) {
                sb.append(" (no sources configured)");
            }
            for (String f : failures) {
                sb.append("\n  ").append(f);
            }
            sb.append('\n').append(MnistLocator.howToProvide(dir));
            throw new MnistUnavailableException(sb.toString());
        }
    }

    private boolean fetchOne(Path dir, MnistFile file, List<String> failures) {
        for (MnistSource source : sources) {
            Path temp = null;
            try {
                temp = Files.createTempFile(dir, "." + file.fileName() + "-", ".part");
                log.accept("Fetching " + file.fileName() + " from " + source.description() + " ...");
                source.fetch(file, temp);
                String actual = ContentDigest.sha256OfContent(temp);
                String expected = expectedSha256.apply(file);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new IOException("checksum mismatch: SHA-256 of the content is " + actual + ", expected " + expected);
                }
                Path finalPath = dir.resolve(ContentDigest.isGzip(temp) ? file.gzipFileName() : file.fileName());
                move(temp, finalPath);
                makeReadable(finalPath);
                log.accept("Verified " + finalPath);
                return true;
            } catch (IOException | RuntimeException e) {
                String line = file.fileName() + " from " + source.description() + ": " + reason(e);
                log.accept("Failed: " + line);
                failures.add(line);
            } finally {
                deleteQuietly(temp);
            }
        }
        return false;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Temporary files are private (0600); the data is public, so let other users of the cache read it. */
    private static void makeReadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the default permissions will do.
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover ".part" file is harmless: it is never taken for data.
        }
    }

    private void closeSources() {
        for (MnistSource s : sources) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                log.accept("Could not clean up after " + s.description() + ": " + e.getMessage());
            }
        }
    }
}
