package org.nnfs.mnist.cli;

/** A problem the user can fix (a model that is no MNIST classifier, ...); printed as one line, exit code 1. */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
