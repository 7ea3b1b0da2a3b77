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
 * {@code C = alpha · op(A) · op(B) + beta · C} on ojAlgo's {@code fillByMultiplying}, C being
 * {@code [m, n]} and the inner dimension {@code k}.
 *
 * <p><b>Transpose mapping.</b> Each tensor's store S(X) holds Xᵀ column-major (see {@link OjAlgoTensor});
 * X itself is available as S(X)'s transposed view (ojAlgo's {@code TransposedStore}: no copy, made once
 * per tensor), so transposing costs nothing unless a copy measured faster. ojAlgo then runs one of three kernels: both operands physical (MultiplyNeither:
 * axpy down each product column), a view on the right (MultiplyRight: the same, reading the view only
 * k·n times) or a view on the left (MultiplyLeft: a k-long dot product per element). The first two
 * work down the product's columns, so they are fastest when those columns are long. Per case:
 * <pre>
 *   A·B    Cᵀ = S(B)·S(A)        Neither, into C's store               (Z = X·W)
 *   Aᵀ·B   m &gt; n: C = S(A)·S(B)ᵀ  Right, into scratch, then transposed   (dW = Xᵀ·dZ, tall dW)
 *          else:  Cᵀ = S(B)·S(A)ᵀ Right, into C's store
 *   A·Bᵀ   Cᵀ = S(B)ᵀ·S(A)       Left, into C's store                  (dX = dZ·Wᵀ)
 *          k ≤ 32: S(B)ᵀ copied to scratch first, then Neither
 *   Aᵀ·Bᵀ  C = S(A)·S(B)         Neither, into scratch, then transposed
 * </pre>
 * Measured by nn-bench's {@code GemmThroughput --alternatives} at the MNIST MLP's shapes, one thread, GFLOP
 * per CPU second: every product with long columns runs at 7.1–7.8 whichever form; forming Cᵀ throughout fell
 * to 3.4 on dW of the 10-unit layer (10-long columns; C then transposed: 7.6) and to 4.0 on its dX (10-term
 * dots; B copied first: 7.3), and on dW of the first layer C-then-transpose beats Cᵀ by 9% (7.4 vs 6.8). The
 * forward product into 10 units stays at 4.6: turning it around needs a copy of X and measured no gain.
 * Stores shaped like their tensors (the "natural" layout) were 2–4% faster on the big products and 7.6 on
 * that last one, but make every other kernel strided: gathering a 512-row batch of MNIST alone took 5 ms
 * instead of 0.15 ms, more than all the GEMM time they save per step.
 *
 * <p><b>alpha, beta.</b> ojAlgo only overwrites its target (zeroing it first, so NaN in C is ignored as the
 * contract demands). With {@code beta = 0} the product goes straight into C's store and is scaled in place
 * when {@code alpha != 1}; otherwise into scratch, then {@code C = alpha·P + beta·C}. Transposing
 * epilogues fold alpha and beta in. Scratch stores belong to the <em>output</em> tensor C, so only the
 * thread writing C touches them; they are allocated on first need and kept.
 *
 * <p><b>Threads.</b> ojAlgo splits a product over its output columns when it has more than 32 rows and
 * columns, with a process-wide {@code PARALLELISM} per kernel class. Two threads on two free cores gave
 * 13.8–14.9 GFLOP/s on the big products (1.9×) and no loss when the second core was busy, hence the
 * provider's default of one thread per processor. We set it to this backend's thread count before each product (a
 * few static writes), so backends with different thread counts in one JVM each get theirs; two such
 * backends multiplying at the same instant may borrow each other's count, which changes speed, never
 * results. This also makes {@code OjAlgoUtils.limitThreadsTo}, which can only lower a global limit and
 * must run before ojAlgo starts work, unnecessary.
 *
 * <p><b>Allocation.</b> No O(size) allocation per call once scratch exists. ojAlgo itself allocates a few
 * hundred bytes per product (its fork/join tasks and futures, and MultiplyLeft a k-long row buffer).
 */
final class OjAlgoGemm {
    /** Below this many terms MultiplyLeft's per-dot overhead dominates; copy B and use Neither instead. */
    static final int SHORT_DOT = 32;

    private final IntSupplier parallelism;

    /** @param threads how many threads ojAlgo may split one product over */
    OjAlgoGemm(int threads) {
        this.parallelism = () -> threads;
    }

    void gemm(boolean transA, boolean transB, double alpha, OjAlgoTensor a, OjAlgoTensor b, double beta, OjAlgoTensor c) {
        useOurThreads();
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        if (transA && (transB || m > n)) {
            // C = op(A)·op(B) with op(A) = S(A) physical; C is column-major [m, n], then transposed into C.
            PhysicalStore<Double> p = columnMajorScratch(c);
            p.fillByMultiplying(a.store, transB ? b.store : b.view);
            if (c.floats() != null) {
                FloatEpilogue.transpose(((R032Store) p).data, n, m, alpha, beta, c.floats());
            } else {
                DoubleEpilogue.transpose(((R064Store) p).data, n, m, alpha, beta, c.doubles());
            }
            return;
        }
        MatrixStore<Double> left = !transB ? b.store : k > SHORT_DOT ? b.view : transposedCopy(b, c);
        MatrixStore<Double> right = transA ? a.view : a.store;
        if (beta == 0) {
            c.store.fillByMultiplying(left, right);
            if (alpha != 1) {
                if (c.floats() != null) {
                    FloatEpilogue.scale(alpha, c.floats());
                } else {
                    DoubleEpilogue.scale(alpha, c.doubles());
                }
            }
        } else {
            PhysicalStore<Double> p = productScratch(c);
            p.fillByMultiplying(left, right);
            if (c.floats() != null) {
                FloatEpilogue.scaleAdd(alpha, ((R032Store) p).data, beta, c.floats());
            } else {
                DoubleEpilogue.scaleAdd(alpha, ((R064Store) p).data, beta, c.doubles());
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

    /** A store shaped like C's own ({@code [n, m]}), for products that must not overwrite C yet. */
    private static PhysicalStore<Double> productScratch(OjAlgoTensor c) {
        if (c.productScratch == null) {
            c.productScratch = c.newStore(c.cols(), c.rows());
        }
        return c.productScratch;
    }

    /** A column-major {@code [m, n]} store, for products formed as C rather than Cᵀ. */
    private static PhysicalStore<Double> columnMajorScratch(OjAlgoTensor c) {
        if (c.columnMajorScratch == null) {
            c.columnMajorScratch = c.newStore(c.rows(), c.cols());
        }
        return c.columnMajorScratch;
    }

    /**
     * B as a physical column-major store, i.e. {@code S(B)ᵀ} materialised, in scratch kept in the output
     * tensor C and reallocated only when B's shape changes between calls.
     */
    private static MatrixStore<Double> transposedCopy(OjAlgoTensor b, OjAlgoTensor c) {
        PhysicalStore<Double> t = c.transposeScratch;
        if (t == null || t.getRowDim() != b.rows() || t.getColDim() != b.cols()) {
            t = c.newStore(b.rows(), b.cols());
            c.transposeScratch = t;
        }
        // Column-major [rows, cols] holding B is row-major [cols, rows]: B's row-major data transposed.
        if (b.floats() != null) {
            FloatEpilogue.transpose(b.floats(), b.rows(), b.cols(), 1, 0, ((R032Store) t).data);
        } else {
            DoubleEpilogue.transpose(b.doubles(), b.rows(), b.cols(), 1, 0, ((R064Store) t).data);
        }
        return t;
    }
}
