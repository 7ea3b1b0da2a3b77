package org.nnfs.backend.ojalgo;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;

/**
 * A tensor held in an ojAlgo dense store: {@link R032Store} for float32, {@link R064Store} for float64.
 *
 * <p><b>Layout.</b> ojAlgo stores are column-major, tensors are row-major. A {@code [rows, cols]}
 * tensor is held as a column-major {@code [cols, rows]} store, i.e. the store is the tensor's
 * transpose. Its backing array is then exactly the tensor's row-major data, so copies in and out are
 * {@code System.arraycopy}, rows are contiguous (softmax, argmax, gathering a mini-batch) and every
 * kernel but GEMM is a plain loop over the array. GEMM works on transposes, see {@link OjAlgoGemm}.
 *
 * <p>Exactly one of {@link #f} and {@link #d} is non-null; kernels branch on that once per call.
 */
final class OjAlgoTensor extends Tensor {
    /** The column-major {@code [cols, rows]} store, i.e. this tensor's transpose. */
    final PhysicalStore<Double> store;
    /**
     * The store seen transposed: an ojAlgo view (no copy) shaped like the tensor, {@code [rows, cols]}.
     * Made once here so that GEMM does not allocate a view per call.
     */
    final MatrixStore<Double> view;
    /** Row-major elements when float32, else null; the same array the store wraps. */
    final float[] f;
    /** Row-major elements when float64, else null; the same array the store wraps. */
    final double[] d;

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
        if (dtype == DType.FLOAT32) {
            R032Store s = R032Store.wrap(new float[Math.multiplyExact(rows, cols)], cols);
            this.store = s;
            this.f = s.data;
            this.d = null;
        } else {
            R064Store s = R064Store.wrap(new double[Math.multiplyExact(rows, cols)], cols);
            this.store = s;
            this.f = null;
            this.d = s.data;
        }
        this.view = store.transpose();
    }

    /** A new zero store of the given (column-major) shape and this tensor's element type. */
    PhysicalStore<Double> newStore(int storeRows, int storeCols) {
        return f != null ? R032Store.FACTORY.make(storeRows, storeCols) : R064Store.FACTORY.make(storeRows, storeCols);
    }
}
