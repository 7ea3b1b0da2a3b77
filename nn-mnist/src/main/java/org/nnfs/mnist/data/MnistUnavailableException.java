package org.nnfs.mnist.data;

import java.io.IOException;

/** The MNIST files are neither where the user pointed nor obtainable; the message says how to provide them. */
public final class MnistUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the complete, user-facing explanation */
    public MnistUnavailableException(String message) {
        super(message);
    }
}
