package org.nnfs.io;

/**
 * One entry of a file's tensor table: which tensor its values are, and their shape. Entries are in
 * data order: model tensors (parameters and buffers, in the model's order), then optimizer state, then
 * the best epoch's copy of the model tensors (kept by early stopping).
 */
record TableEntry(String name, Kind kind, int rows, int cols) {

    /** What a tensor of the file is, as its table says (version 1 tells parameters from state by count). */
    enum Kind {
        PARAMETER("parameter"),
        BUFFER("buffer"),
        OPTIMIZER("optimizer"),
        BEST("best");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    long elements() {
        return (long) rows * cols;
    }

    String describe() {
        return kind.label + " '" + name + "' [" + rows + ", " + cols + "]";
    }
}
