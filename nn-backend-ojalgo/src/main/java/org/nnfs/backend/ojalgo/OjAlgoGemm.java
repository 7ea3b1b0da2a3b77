package org.nnfs.backend.ojalgo;

import java.util.function.IntSupplier;

import org.ojalgo.matrix.operation.MultiplyBoth;
import org.ojalgo.matrix.operation.MultiplyLeft;
import org.ojalgo.matrix.operation.MultiplyNeither;
import org.ojalgo.matrix.operation.MultiplyRight;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;

/**
 * {@code C = alpha · op(A) · op(B) + beta · C} on ojAlgo's {@code fillByMultiplying}.
 *
 * <p><b>Transpose mapping.</b> Each tensor's store holds its transpose (see {@link OjAlgoTensor}), so
 * the product is formed transposed: {@code Cᵀ = op(B)ᵀ · op(A)ᵀ}, written straight into C's store.
 * {@code op(X)ᵀ} is X's store when X is not transposed and X's cached transposed view when it is, so:
 * <pre>
 *   C = A·B     Cᵀ = S(B)  · S(A)      both physical: MultiplyNeither  (Z = X·W)
 *   C = Aᵀ·B    Cᵀ = S(B)  · S(A)ᵀ     right is a view: MultiplyRight  (dW = Xᵀ·dZ)
 *   C = A·Bᵀ    Cᵀ = S(B)ᵀ · S(A)      left is a view: MultiplyLeft    (dX = dZ·Wᵀ)
 *   C = Aᵀ·Bᵀ   Cᵀ = S(B)ᵀ · S(A)ᵀ     B copied transposed into scratch, then MultiplyRight
 * </pre>
 * The views are ojAlgo {@code TransposedStore}s made once per tensor: no copy, and ojAlgo's Right/Left
 * kernels read a view element by element only O(k·n) resp. once per output row, so they run at the
 * speed of the all-physical kernel (measured, see {@code GemmThroughput}). Only the both-transposed
 * case, which would fall to ojAlgo's slow double-precision {@code MultiplyBoth}, copies an operand.
 * The transposed-store layout was measured against the natural one (tensor [m,n] as store [m,n]):
 * equal within noise on the big MLP products, slower only on the tiny 10-column ones, and it makes
 * every other kernel a contiguous row-major loop.
 *
 * <p><b>alpha, beta.</b> ojAlgo only overwrites its target (it zeroes it first, so NaN in C is ignored
 * as the contract demands). With {@code beta = 0} the product goes straight into C and is scaled in
 * place when {@code alpha != 1}. Otherwise it goes into a scratch store and {@code C = alpha·P + beta·C}.
 * Scratch stores belong to the <em>output</em> tensor: only the thread writing C uses them.
 *
 * <p><b>Threads.</b> ojAlgo splits a product over output columns with a process-wide {@code PARALLELISM}
 * setting per kernel class. We set it to this backend's thread count before each product (a few
 * static writes), so backends with different thread counts in one JVM each get theirs; two such
 * backends multiplying at the same instant may borrow each other's count, which changes speed, never
 * results. This also makes {@code OjAlgoUtils.limitThreadsTo}, which can only lower a global limit
 * and must run before ojAlgo starts work, unnecessary.
 *
 * <p><b>Allocation.</b> No O(size) allocation per call once scratch exists. ojAlgo itself allocates a few
 * small objects per product when it forks (a task and its future per split, and MultiplyLeft a k-long
 * row buffer per split).
 */
final class OjAlgoGemm {
    private final IntSupplier parallelism;

    /** @param threads how many threads ojAlgo may split one product over */
    OjAlgoGemm(int threads) {
        this.parallelism = () -> threads;
    }

    void gemm(boolean transA, boolean transB, double alpha, OjAlgoTensor a, OjAlgoTensor b, double beta, OjAlgoTensor c) {
        useOurThreads();
        MatrixStore<Double> right = transA ? a.view : a.store;
        MatrixStore<Double> left;
        if (!transB) {
            left = b.store;
        } else if (!transA) {
            left = b.view;
        } else {
            left = transposedCopy(b, c);
        }
        if (beta == 0) {
            c.store.fillByMultiplying(left, right);
            if (alpha != 1) {
                if (c.f != null) {
                    FloatKernels.scale(alpha, c.f, c.f);
                } else {
                    DoubleKernels.scale(alpha, c.d, c.d);
                }
            }
        } else {
            PhysicalStore<Double> p = productScratch(c);
            p.fillByMultiplying(left, right);
            if (c.f != null) {
                FloatKernels.scaleAdd(alpha, ((R032Store) p).data, beta, c.f);
            } else {
                DoubleKernels.scaleAdd(alpha, ((R064Store) p).data, beta, c.d);
            }
        }
    }

    private void useOurThreads() {
        if (MultiplyNeither.PARALLELISM != parallelism) {
            MultiplyNeither.PARALLELISM = parallelism;
        }
        if (MultiplyRight.PARALLELISM != parallelism) {
            MultiplyRight.PARALLELISM = parallelism;
        }
        if (MultiplyLeft.PARALLELISM != parallelism) {
            MultiplyLeft.PARALLELISM = parallelism;
        }
        if (MultiplyBoth.PARALLELISM != parallelism) {
            MultiplyBoth.PARALLELISM = parallelism;
        }
    }

    /** A store shaped like C's, kept in C for the next call. */
    private static PhysicalStore<Double> productScratch(OjAlgoTensor c) {
        PhysicalStore<Double> p = c.productScratch;
        if (p == null) {
            p = c.newStore(c.cols(), c.rows());
            c.productScratch = p;
        }
        return p;
    }

    /**
     * B itself as a physical column-major store ({@code S(B)ᵀ} materialised), in scratch kept in the output
     * tensor C; reallocated only when B's shape changes between calls.
     */
    private static MatrixStore<Double> transposedCopy(OjAlgoTensor b, OjAlgoTensor c) {
        PhysicalStore<Double> t = c.transposeScratch;
        if (t == null || t.getRowDim() != b.rows() || t.getColDim() != b.cols()) {
            t = c.newStore(b.rows(), b.cols());
            c.transposeScratch = t;
        }
        // Column-major [rows, cols] holding B is row-major [cols, rows]: B's row-major data transposed.
        if (b.f != null) {
            FloatKernels.transpose(b.f, b.rows(), b.cols(), ((R032Store) t).data);
        } else {
            DoubleKernels.transpose(b.d, b.rows(), b.cols(), ((R064Store) t).data);
        }
        return t;
    }
}
