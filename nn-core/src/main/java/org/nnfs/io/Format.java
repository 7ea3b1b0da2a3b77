package org.nnfs.io;

import java.nio.charset.StandardCharsets;

/** The constants of the model file's layout (see {@code docs/model-format.md}). */
final class Format {
    /** The first eight bytes of every model file. */
    static final byte[] MAGIC = "NNFSMODL".getBytes(StandardCharsets.US_ASCII);
    /** Magic, version and header length. */
    static final int PREAMBLE = 16;
    /** The CRC-32 at the end. */
    static final int TRAILER = 4;
    /**
     * The longest header a reader accepts, 16 MiB: room for the history of some 80,000 epochs (about 200
     * bytes each) besides the model, while parsing it stays within a few times that in memory. The writer
     * refuses a longer one, so that nothing writes what a reader refuses.
     */
    static final int MAX_HEADER = 16 << 20;
    /** The most layers a reader accepts. */
    static final int MAX_LAYERS = 10_000;
    /** The most tensor-table entries a reader accepts: a few per layer, and optimizer state. */
    static final int MAX_TENSORS = 16 * MAX_LAYERS;
    /** The most history entries a reader accepts. */
    static final int MAX_EPOCHS = 10_000_000;
    /** The first format: model parameters and optimizer state, no buffers, no batch or training-set size. */
    static final int VERSION_1 = 1;
    /** Tensor kinds (parameters, buffers, optimizer state), loss settings, batch and training-set size. */
    static final int VERSION_2 = 2;
    /** The prefix of optimizer state tensors' names: {@code optimizer.0}, {@code optimizer.1}, ... */
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private Format() {
    }
}
