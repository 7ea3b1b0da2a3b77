package org.nnfs.backend.ojalgo;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.array.ArrayTensor;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;

/**
 * An {@link ArrayTensor} whose array is also wrapped by an ojAlgo dense store: {@link R032Store} for
 * float32, {@link R064Store} for float64. The array is the tensor's; the store is a second view of it for
 * {@link OjAlgoGemm}, so every other kernel is {@link org.nnfs.tensor.array.ArrayBackend}'s plain loop.
 *
 * <p><b>Layout.</b> ojAlgo stores are column-major, tensors are row-major. A {@code [rows, cols]}
 * tensor is held as a column-major {@code [cols, rows]} store, i.e. the store is the tensor's
 * transpose. Its backing array is then exactly the tensor's row-major data, so copies in and out are
 * {@code System.arraycopy}, rows are contiguous (softmax, argmax, gathering a mini-batch) and every
 * kernel but GEMM is a plain loop over the array. GEMM works on transposes, see {@link OjAlgoGemm}.
 *
 * <p>A subclass rather than a tensor holding an {@code ArrayTensor}: the base's kernels cast every operand
 * to {@code ArrayTensor} and read its array directly, so the store rides along without an indirection.
 */
final class OjAlgoTensor extends ArrayTensor {
    /** The column-major {@code [cols, rows]} store over this tensor's array, i.e. its transpose. */
    final PhysicalStore<Double> store;
    /**
     * The store seen transposed: an ojAlgo view (no copy) shaped like the tensor, {@code [rows, cols]}.
     * Made once here so that GEMM does not allocate a view per call.
     */
    final MatrixStore<Double> view;

    /**
     * GEMM scratch stores owned by this tensor as an <em>output</em> (see {@link OjAlgoGemm}). Only a thread
     * writing this tensor touches them, and the backend contract already forbids two threads writing one
     * tensor at once, so they need no locking; they are allocated on first need and kept.
     */
    PhysicalStore<Double> productScratch;
    PhysicalStore<Double> columnMajorScratch;
    PhysicalStore<Double> transposeScratch;

    OjAlgoTensor(OjAlgoBackend backend, int rows, int cols, DType dtype) {
        super(backend, rows, cols, dtype);
        this.store = floats() != null ? R032Store.wrap(floats(), cols) : R064Store.wrap(doubles(), cols);
        this.view = store.transpose();
    }

    /** A new zero store of the given (column-major) shape and this tensor's element type. */
    PhysicalStore<Double> newStore(int storeRows, int storeCols) {
        return floats() != null ? R032Store.FACTORY.make(storeRows, storeCols)
                : R064Store.FACTORY.make(storeRows, storeCols);
    }
}
