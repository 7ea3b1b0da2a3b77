package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Somewhere the MNIST files can be fetched from: a web mirror, a package. The downloader tries sources
 * in order, file by file, and verifies whatever a source delivers, so a source need not check content.
 */
public interface MnistSource extends AutoCloseable {

    /** One line naming the source for progress and error messages, e.g. its URL. */
    String description();

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
