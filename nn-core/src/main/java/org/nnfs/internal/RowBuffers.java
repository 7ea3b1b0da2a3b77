package org.nnfs.internal;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Work tensors of a fixed column count, allocated once per distinct row count (a full batch, the
 * partial last batch, an inference chunk) and reused after that, so that steady-state training
 * allocates nothing.
 */
public final class RowBuffers {
    private static final int CAPACITY = 8;

    private final Backend backend;
    private final DType dtype;
    private final int cols;
    private final Tensor[] tensors = new Tensor[CAPACITY];
    private int next;

    /** Buffers of {@code cols} columns on {@code backend}. */
    public RowBuffers(Backend backend, DType dtype, int cols) {
        this.backend = backend;
        this.dtype = dtype;
        this.cols = cols;
    }

    /** The buffer with {@code rows} rows, allocated on first request. */
    public Tensor get(int rows) {
        for (Tensor t : tensors) {
            if (t != null && t.rows() == rows) {
                return t;
            }
        }
        // Round-robin replacement bounds memory when callers use many different row counts.
        Tensor t = backend.zeros(rows, cols, dtype);
        tensors[next] = t;
        next = (next + 1) % CAPACITY;
        return t;
    }
}
