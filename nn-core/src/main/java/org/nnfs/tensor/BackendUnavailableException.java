package org.nnfs.tensor;

/**
 * Thrown by {@link BackendProvider#create} when a backend cannot run on this machine; the message says
 * why (and, where there is one, the remedy).
 */
public class BackendUnavailableException extends Exception {
    /** @param reason why the backend cannot run, and what to do about it */
    public BackendUnavailableException(String reason) {
        super(reason);
    }

    /** @param reason why the backend cannot run; {@code cause} is the underlying failure */
    public BackendUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
