package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An IDX file that cannot be what it claims to be: wrong magic number, impossible dimensions, a size
 * that does not match its header, corrupt compression. The message names the file and the problem.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param file the offending file; @param problem what is wrong with it, as a sentence fragment */
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** As {@link #IdxFormatException(Path, String)}, keeping the low-level cause for {@code --verbose}. */
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
