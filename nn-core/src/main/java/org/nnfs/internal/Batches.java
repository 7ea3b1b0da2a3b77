package org.nnfs.internal;

import org.nnfs.data.Dataset;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Gathers mini-batches of a {@link Dataset} into reused buffers: the features and targets of the
 * examples {@code order[offset .. offset + rows)}.
 */
public final class Batches {
    private final Dataset data;
    private final Backend backend;
    private final RowBuffers features;
    private final RowBuffers targets;

    /** Batches of {@code data}, gathered on its backend. */
    public Batches(Dataset data) {
        this.data = data;
        this.backend = data.backend();
        this.features = new RowBuffers(backend, data.features().dtype(), data.inputSize());
        this.targets = new RowBuffers(backend, data.targets().dtype(), data.outputSize());
    }

    /** The identity order {@code 0 .. n-1}. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Features of the batch; valid until the next call with the same row count. */
    public Tensor features(int[] order, int offset, int rows) {
        Tensor x = features.get(rows);
        backend.gatherRows(data.features(), order, offset, x);
        return x;
    }

    /** Targets of the batch; valid until the next call with the same row count. */
    public Tensor targets(int[] order, int offset, int rows) {
        Tensor y = targets.get(rows);
        backend.gatherRows(data.targets(), order, offset, y);
        return y;
    }
}
