package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Somewhere the MNIST files can be fetched from: a web mirror, a package. The downloader tries sources
 * in order, file by file, and verifies whatever a source delivers, so a source need not check content.
 */
public interface MnistSource extends AutoCloseable {

    /** One line naming the source for progress and error messages, e.g. its URL. */
    String description();

    /**
     * Prepares to deliver files; the downloader calls it once, before this source's first {@link #fetch}. A
     * source that fetches one bundle holding every file (the npm package) fetches it here, and reports it
     * in one line on {@code progress}. Nothing by default.
     *
     * @throws IOException with a short reason when this source can deliver no file
     */
    default void open(Consumer<String> progress) throws IOException {
    }

    /**
     * How a file's line in the progress shows that {@link #fetch} delivered {@code bytes} in {@code nanos}: the
     * size, time and rate by default; a source that unpacks files from a bundle {@link #open} fetched shows the
     * size only, since the time is not a transfer's.
     */
    default String describeFetch(long bytes, long nanos) {
        return Transfer.describe(bytes, nanos);
    }

    /**
     * Writes {@code file}'s content, raw or gzipped, to {@code target} (which does not exist yet).
     *
     * @throws IOException with a short reason when this source cannot deliver the file
     */
    void fetch(MnistFile file, Path target) throws IOException;

    /** Releases what the source keeps between files (temporary directories); nothing by default. */
    @Override
    default void close() throws IOException {
    }
}
