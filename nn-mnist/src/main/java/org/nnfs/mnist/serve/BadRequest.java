package org.nnfs.mnist.serve;

/** A request the server refuses: its HTTP status (4xx) and a message naming the problem, sent back as JSON. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    BadRequest(int status, String message) {
        super(message, null, false, false); // a client's mistake: no stack trace to fill
        this.status = status;
    }

    int status() {
        return status;
    }
}
