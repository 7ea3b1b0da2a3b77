package org.nnfs.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not a readable model file: truncated, corrupted, of another format or version, or
 * describing a model that does not fit the data it carries. The message names the file and the
 * problem.
 */
public class InvalidModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String problem;

    /** {@code problem} says what is wrong with {@code file}. */
    public InvalidModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.problem = problem;
    }

    /** As above, with the underlying failure. */
    public InvalidModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.problem = problem;
    }

    /** What is wrong, without the file's name. */
    String problem() {
        return problem;
    }
}
