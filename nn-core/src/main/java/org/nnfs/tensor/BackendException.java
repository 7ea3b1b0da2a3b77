package org.nnfs.tensor;

/**
 * Thrown by {@link Backends} when no backend can be had as asked: the name is unknown, the named backend
 * is unavailable, or no backend is on the classpath. The message lists what is available and how to
 * choose.
 */
public class BackendException extends RuntimeException {
    /** Creates the exception with a message that lists what is available. */
    public BackendException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the provider's failure as cause. */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
