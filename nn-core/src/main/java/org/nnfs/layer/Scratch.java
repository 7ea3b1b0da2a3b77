package org.nnfs.layer;

import org.nnfs.tensor.Tensor;

/**
 * Work tensors of one column count that a layer runner owns, one per row count (a full batch, the
 * partial last batch, an inference chunk), allocated on first request and reused after that, so that a
 * steady training loop allocates nothing. Get them from {@link LayerContext#scratch(int)}.
 */
public interface Scratch {

    /** The tensor of {@code rows} rows; its contents are whatever was last written into it. */
    Tensor rows(int rows);
}
