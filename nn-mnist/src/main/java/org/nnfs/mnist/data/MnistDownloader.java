package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fetches MNIST files into a directory from a list of sources, file by file, falling back to the next
 * source when one fails. Every file is verified against the SHA-256 of its uncompressed content before
 * it appears in the directory: it is written to a temporary file next to its final place and renamed
 * atomically, so an interrupted or corrupt download never leaves a file that looks complete.
 *
 * <p>What it prints is short: a line naming the directory, then one line per file (its size, the time it
 * took and the rate, and where it came from). Sources that failed on the way are details, for
 * {@code --verbose}; when every source fails for a file, the exception lists them all.
 *
 * <p>A downloader owns its sources and closes them when {@link #download} returns; use it once.
 */
public final class MnistDownloader {
    private final List<MnistSource> sources;
    private final Function<MnistFile, String> expectedSha256;
    private final Consumer<String> progress;
    private final Consumer<String> details;
    private final Map<MnistSource, IOException> unusable = new HashMap<>();
    private final Set<MnistSource> opened = new HashSet<>();

    /**
     * @param sources        tried in order for each file
     * @param expectedSha256 the hash each file's uncompressed content must have ({@link MnistFile#sha256}
     *                       in production; tests pass their own)
     * @param progress       receives the lines a user sees: where the files go, one line per file
     * @param details        receives one line per source that failed for a file, on the way to one that worked
     */
    public MnistDownloader(List<MnistSource> sources, Function<MnistFile, String> expectedSha256,
                           Consumer<String> progress, Consumer<String> details) {
        this.sources = List.copyOf(sources);
        this.expectedSha256 = expectedSha256;
        this.progress = progress;
        this.details = details;
    }

    /** As the four-argument constructor, without the details. */
    public MnistDownloader(List<MnistSource> sources, Function<MnistFile, String> expectedSha256, Consumer<String> log) {
        this(sources, expectedSha256, log, line -> { });
    }

    /** The published checksums and the given sources; progress on {@code log}, no details. */
    public MnistDownloader(List<MnistSource> sources, Consumer<String> log) {
        this(sources, MnistFile::sha256, log, line -> { });
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
            progress.accept("Downloading MNIST into " + dir + " (" + files.size() + " file" + (files.size() == 1 ? "" : "s")
                    + ", each checked against its published SHA-256; only this once)");
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
                open(source);
                temp = Files.createTempFile(dir, "." + file.fileName() + "-", ".part");
                long start = System.nanoTime();
                source.fetch(file, temp);
                long nanos = System.nanoTime() - start;
                String actual = ContentDigest.sha256OfContent(temp);
                String expected = expectedSha256.apply(file);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new IOException("checksum mismatch: SHA-256 of the content is " + actual + ", expected " + expected);
                }
                Path finalPath = dir.resolve(ContentDigest.isGzip(temp) ? file.gzipFileName() : file.fileName());
                long bytes = Files.size(temp);
                move(temp, finalPath);
                makeReadable(finalPath);
                progress.accept(String.format(Locale.ROOT, "  %-27s %s from %s", finalPath.getFileName(),
                        source.describeFetch(bytes, nanos), source.description()));
                return true;
            } catch (IOException | RuntimeException e) {
                String line = file.fileName() + " from " + source.description() + ": " + reason(e);
                details.accept("  (" + line + ")");
                failures.add(line);
            } finally {
                deleteQuietly(temp);
            }
        }
        return false;
    }

    /** Opens {@code source} before its first fetch; a source that failed to open fails every file the same way. */
    private void open(MnistSource source) throws IOException {
        if (opened.add(source)) {
            try {
                source.open(progress);
            } catch (IOException e) {
                unusable.put(source, e);
            }
        }
        IOException failure = unusable.get(source);
        if (failure != null) {
            throw failure;
        }
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
                details.accept("Could not clean up after " + s.description() + ": " + e.getMessage());
            }
        }
    }
}
