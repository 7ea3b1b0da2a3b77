package org.nnfs.mnist.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be read or holds no digit; the message names the file and the problem. */
public final class InvalidImageException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param file the image; @param problem what is wrong with it */
    public InvalidImageException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** @param source names the picture (a file, "request body"); @param problem what is wrong with it */
    public InvalidImageException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** As {@link #InvalidImageException(String, String)}, keeping the cause for {@code --verbose}. */
    public InvalidImageException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }

    /** As {@link #InvalidImageException(Path, String)}, keeping the cause for {@code --verbose}. */
    public InvalidImageException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
