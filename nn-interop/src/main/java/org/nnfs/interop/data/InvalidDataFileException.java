package org.nnfs.interop.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file (CSV, NumPy) cannot be read as examples: it is damaged, of another format, or holds a
 * value that is not what its column or array must hold. The message names the file and the place: a
 * line and column, an array, a header field.
 */
public class InvalidDataFileException extends IOException {
    /** {@code problem} says what is wrong with {@code file}, and where. */
    public InvalidDataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
