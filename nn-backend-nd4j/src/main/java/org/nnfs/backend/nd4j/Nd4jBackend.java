package org.nnfs.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import java.lang.ref.Reference;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendUnavailableException;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * The tensor backend on ND4J's native CPU stack: tensors are ND4J arrays, GEMM, axpy and bias additions
 * ({@code ?ger}) run in the OpenBLAS that ND4J ships and binds, transcendental functions in libnd4j, and the
 * cheap memory-bound kernels as Java loops over the same off-heap memory. No kernel allocates, on or off the
 * heap, once the column of ones the bias additions use is as long as the largest batch.
 *
 * <p><b>GEMM and storage order.</b> Tensors are stored row-major, and {@link #doGemm} calls
 * {@code cblas_?gemm(CblasRowMajor, ...)} with ND4J's own JavaCPP binding of OpenBLAS. All four transpose
 * cases then map one to one onto BLAS flags, with the tensors' own row lengths as leading dimensions:
 * <pre>
 *   Z  = X·W    (N, N)   lda = X.cols, ldb = W.cols
 *   dW = Xᵀ·dZ  (T, N)   lda = X.cols, ldb = dZ.cols
 *   dX = dZ·Wᵀ  (N, T)   lda = dZ.cols, ldb = W.cols
 *   Aᵀ·Bᵀ       (T, T)
 * </pre>
 * BLAS reads a transposed operand in place, so no transpose is ever copied, and C is written directly. The
 * alternative, {@code Nd4j.gemm(a, b, c, ...)}, needs C in {@code 'f'} order and not a view. It runs through
 * the {@code Mmul} custom op, which costs about 4.6 KB of heap garbage and 40 bytes of off-heap garbage
 * (freed only by GC) per call. Measured for 512×784·784×100 with 2 threads (nn-bench's
 * {@code GemmThroughput --alternatives}, quiet machine): cblas on row-major tensors 380 µs; {@code Nd4j.gemm}
 * with everything in {@code 'f'} order 580-970 µs; {@code Nd4j.gemm} on the row-major tensors, C presented as
 * the column-major Cᵀ = Bᵀ·Aᵀ through {@code 'f'} views of the same buffers, 410-570 µs. Both ND4J forms also
 * keep the garbage, so there is no reason to use them.
 *
 * <p><b>Threads.</b> OpenBLAS runs with the backend's thread count and libnd4j with one; both settings
 * are process-wide, see {@link Nd4jThreads}.
 *
 * <p><b>Reachability.</b> The kernels work on views (a JavaCPP pointer, an NIO buffer) that do not keep
 * the ND4J array alive, so each ends with {@link Reference#reachabilityFence} on its tensors: otherwise a
 * tensor referenced only by the call (a temporary) could be collected, and its memory freed, mid-kernel.
 */
final class Nd4jBackend extends Backend {
    private final Nd4jRuntime runtime;
    private final NativeTransforms transforms;
    private final int threads;
    /** For {@link #addOuterProduct}; volatile so that a thread sees a grown column whole. */
    private volatile Ones ones = new Ones(0);

    private Nd4jBackend(Nd4jRuntime runtime, int threads) {
        this.runtime = runtime;
        this.transforms = new NativeTransforms(runtime.nativeOps);
        this.threads = threads;
    }

    /**
     * Starts ND4J if needed and returns a backend whose kernels use {@code threads} threads
     * ({@code 0}: one per core).
     *
     * @throws BackendUnavailableException if ND4J's native CPU backend cannot run here
     */
    static Nd4jBackend create(int threads) throws BackendUnavailableException {
        Nd4jRuntime runtime = Nd4jRuntime.get();
        Nd4jBackend backend = new Nd4jBackend(runtime, threads == 0 ? Nd4jThreads.defaultCount() : threads);
        Nd4jThreads.use(backend.threads);
        return backend;
    }

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String description() {
        return "nd4j (ND4J " + runtime.version + ", native CPU, BLAS " + runtime.blasVendor + ", " + threads
                + (threads == 1 ? " thread)" : " threads)");
    }

    // ---------------------------------------------------------------- allocation and copies

    @Override
    protected Tensor doAllocate(int rows, int cols, DType dtype) {
        return new Nd4jTensor(this, rows, cols, dtype);
    }

    @Override
    protected void doCopyFrom(float[] src, int offset, Tensor dst, int dstOffset, int count) {
        Nd4jTensor d = (Nd4jTensor) dst;
        if (d.f32 != null) {
            d.f32.put(dstOffset, src, offset, count);
        } else {
            DoubleKernels.copyFrom(src, offset, d.f64, dstOffset, count);
        }
        Reference.reachabilityFence(d);
    }

    @Override
    protected void doCopyFrom(double[] src, int offset, Tensor dst, int dstOffset, int count) {
        Nd4jTensor d = (Nd4jTensor) dst;
        if (d.f64 != null) {
            d.f64.put(dstOffset, src, offset, count);
        } else {
            FloatKernels.copyFrom(src, offset, d.f32, dstOffset, count);
        }
        Reference.reachabilityFence(d);
    }

    @Override
    protected void doCopyTo(Tensor src, float[] dst) {
        Nd4jTensor s = (Nd4jTensor) src;
        if (s.f32 != null) {
            s.f32.get(0, dst, 0, s.size());
        } else {
            DoubleKernels.copyTo(s.f64, dst, s.size());
        }
        Reference.reachabilityFence(s);
    }

    @Override
    protected void doCopyTo(Tensor src, double[] dst) {
        Nd4jTensor s = (Nd4jTensor) src;
        if (s.f64 != null) {
            s.f64.get(0, dst, 0, s.size());
        } else {
            FloatKernels.copyTo(s.f32, dst, s.size());
        }
        Reference.reachabilityFence(s);
    }

    @Override
    protected void doCopy(Tensor src, Tensor dst) {
        Nd4jTensor s = (Nd4jTensor) src;
        Nd4jTensor d = (Nd4jTensor) dst;
        if (s.f32 != null) {
            d.f32.put(0, s.f32, 0, s.size());
        } else {
            d.f64.put(0, s.f64, 0, s.size());
        }
        Reference.reachabilityFence(s);
        Reference.reachabilityFence(d);
    }

    @Override
    protected void doFill(double value, Tensor out) {
        Nd4jTensor o = (Nd4jTensor) out;
        if (o.f32 != null) {
            FloatKernels.fill(o.f32, o.size(), value);
        } else {
            DoubleKernels.fill(o.f64, o.size(), value);
        }
        Reference.reachabilityFence(o);
    }

    // ---------------------------------------------------------------- BLAS

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor tb = (Nd4jTensor) b;
        Nd4jTensor tc = (Nd4jTensor) c;
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        int opA = transA ? CblasTrans : CblasNoTrans;
        int opB = transB ? CblasTrans : CblasNoTrans;
        Nd4jThreads.use(threads);
        // BLAS ignores C's old contents when beta is 0, as the SPI requires (NaN included).
        if (c.dtype() == DType.FLOAT32) {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha, ta.floatPointer(), a.cols(),
                    tb.floatPointer(), b.cols(), (float) beta, tc.floatPointer(), n);
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha, ta.doublePointer(), a.cols(),
                    tb.doublePointer(), b.cols(), beta, tc.doublePointer(), n);
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(tb);
        Reference.reachabilityFence(tc);
    }

    @Override
    protected void doAxpy(double alpha, Tensor x, Tensor y) {
        Nd4jTensor tx = (Nd4jTensor) x;
        Nd4jTensor ty = (Nd4jTensor) y;
        Nd4jThreads.use(threads);
        if (x.dtype() == DType.FLOAT32) {
            cblas_saxpy(x.size(), (float) alpha, tx.floatPointer(), 1, ty.floatPointer(), 1);
        } else {
            cblas_daxpy(x.size(), alpha, tx.doublePointer(), 1, ty.doublePointer(), 1);
        }
        Reference.reachabilityFence(tx);
        Reference.reachabilityFence(ty);
    }

    // ---------------------------------------------------------------- row and column work

    @Override
    protected void doSumColumns(Tensor a, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ta.f32 != null) {
            FloatKernels.sumColumns(ta.f32, to.f32, a.rows(), a.cols());
        } else {
            DoubleKernels.sumColumns(ta.f64, to.f64, a.rows(), a.cols());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(to);
    }

    /**
     * Three passes: subtract each row's max (Java), exp in place (libnd4j), divide by the row sum (Java).
     * ND4J's own {@code SoftMax} op is stable too (checked for [1000, 1001] and all-negative rows), but it
     * is a custom op that allocates per call.
     */
    @Override
    protected void doSoftmaxRows(Tensor a, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ta.f32 != null) {
            FloatKernels.subtractRowMax(ta.f32, to.f32, a.rows(), a.cols());
        } else {
            DoubleKernels.subtractRowMax(ta.f64, to.f64, a.rows(), a.cols());
        }
        transforms.apply(UnaryOp.EXP, to, to);
        if (to.f32 != null) {
            FloatKernels.normalizeRows(to.f32, a.rows(), a.cols());
        } else {
            DoubleKernels.normalizeRows(to.f64, a.rows(), a.cols());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(to);
    }

    @Override
    protected void doArgmaxRows(Tensor a, int[] out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        if (ta.f32 != null) {
            FloatKernels.argmaxRows(ta.f32, a.rows(), a.cols(), out);
        } else {
            DoubleKernels.argmaxRows(ta.f64, a.rows(), a.cols(), out);
        }
        Reference.reachabilityFence(ta);
    }

    @Override
    protected void doGatherRows(Tensor src, int[] indices, int offset, Tensor out) {
        Nd4jTensor ts = (Nd4jTensor) src;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ts.f32 != null) {
            FloatKernels.gatherRows(ts.f32, indices, offset, to.f32, out.rows(), out.cols());
        } else {
            DoubleKernels.gatherRows(ts.f64, indices, offset, to.f64, out.rows(), out.cols());
        }
        Reference.reachabilityFence(ts);
        Reference.reachabilityFence(to);
    }

    // ---------------------------------------------------------------- element-wise work

    @Override
    protected void doUnary(UnaryOp op, Tensor a, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor to = (Nd4jTensor) out;
        if (transforms.supports(op)) {
            transforms.apply(op, ta, to);
        } else if (ta.f32 != null) {
            FloatKernels.unary(op, ta.f32, to.f32, a.size());
        } else {
            DoubleKernels.unary(op, ta.f64, to.f64, a.size());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(to);
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Nd4jTensor tx = (Nd4jTensor) x;
        Nd4jTensor ty = (Nd4jTensor) y;
        Nd4jTensor tdy = (Nd4jTensor) dy;
        Nd4jTensor tdx = (Nd4jTensor) dx;
        if (tx.f32 != null) {
            FloatKernels.unaryBackward(op, tx.f32, ty.f32, tdy.f32, tdx.f32, x.size());
        } else {
            DoubleKernels.unaryBackward(op, tx.f64, ty.f64, tdy.f64, tdx.f64, x.size());
        }
        Reference.reachabilityFence(tx);
        Reference.reachabilityFence(ty);
        Reference.reachabilityFence(tdy);
        Reference.reachabilityFence(tdx);
    }

    @Override
    protected void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor tb = (Nd4jTensor) b;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ta.f32 != null) {
            FloatKernels.binary(op, ta.f32, tb.f32, to.f32, a.size());
        } else {
            DoubleKernels.binary(op, ta.f64, tb.f64, to.f64, a.size());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(tb);
        Reference.reachabilityFence(to);
    }

    /**
     * Adding or subtracting a row (a dense layer's bias) is a rank-one update in BLAS, {@code out += ±1 · ones ⊗ row}:
     * each element gets {@code ±1 · row[c]}, exact, added with one rounding, so the result is bit for bit the
     * Java loop's, 5 µs against 16-50 µs for 512×100 floats (the loop reads three buffers through their
     * bounds and scope checks). The other ops are Java loops.
     */
    @Override
    protected void doBinaryRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor tr = (Nd4jTensor) row;
        Nd4jTensor to = (Nd4jTensor) out;
        if (op == BinaryOp.ADD || op == BinaryOp.SUB) {
            if (to != ta) {
                doCopy(ta, to);
            }
            addOuterProduct(op == BinaryOp.ADD ? 1 : -1, tr, to);
        } else if (ta.f32 != null) {
            FloatKernels.binaryRowVector(op, ta.f32, tr.f32, to.f32, a.rows(), a.cols());
        } else {
            DoubleKernels.binaryRowVector(op, ta.f64, tr.f64, to.f64, a.rows(), a.cols());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(tr);
        Reference.reachabilityFence(to);
    }

    /** {@code out[r][c] += alpha · row[c]} for every row, through BLAS {@code ?ger} with a column of ones. */
    private void addOuterProduct(double alpha, Nd4jTensor row, Nd4jTensor out) {
        Ones column = ones(out.rows());
        int m = out.rows();
        int n = out.cols();
        Nd4jThreads.use(threads);
        if (out.f32 != null) {
            cblas_sger(CblasRowMajor, m, n, (float) alpha, column.f32, 1, row.floatPointer(), 1, out.floatPointer(), n);
        } else {
            cblas_dger(CblasRowMajor, m, n, alpha, column.f64, 1, row.doublePointer(), 1, out.doublePointer(), n);
        }
        Reference.reachabilityFence(column);
        Reference.reachabilityFence(row);
        Reference.reachabilityFence(out);
    }

    /**
     * A column of at least {@code rows} ones. It is replaced by a longer one when a larger batch comes, so it is
     * allocated once per run in practice; threads that race to grow it each make one, which is harmless.
     */
    private Ones ones(int rows) {
        Ones column = ones;
        if (column.length < rows) {
            column = new Ones(Math.max(rows, 2 * column.length));
            ones = column;
        }
        return column;
    }

    /** {@code length} ones in off-heap memory, in both element types (a few kilobytes). */
    private static final class Ones {
        final int length;
        final FloatPointer f32;
        final DoublePointer f64;

        Ones(int length) {
            this.length = length;
            this.f32 = new FloatPointer(Math.max(1, length));
            this.f64 = new DoublePointer(Math.max(1, length));
            for (int i = 0; i < length; i++) {
                f32.put(i, 1f);
                f64.put(i, 1d);
            }
        }
    }

    @Override
    protected void doBinaryColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor tc = (Nd4jTensor) column;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ta.f32 != null) {
            FloatKernels.binaryColumnVector(op, ta.f32, tc.f32, to.f32, a.rows(), a.cols());
        } else {
            DoubleKernels.binaryColumnVector(op, ta.f64, tc.f64, to.f64, a.rows(), a.cols());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(tc);
        Reference.reachabilityFence(to);
    }

    @Override
    protected void doAffine(Tensor a, double alpha, double beta, Tensor out) {
        Nd4jTensor ta = (Nd4jTensor) a;
        Nd4jTensor to = (Nd4jTensor) out;
        if (ta.f32 != null) {
            FloatKernels.affine(ta.f32, alpha, beta, to.f32, a.size());
        } else {
            DoubleKernels.affine(ta.f64, alpha, beta, to.f64, a.size());
        }
        Reference.reachabilityFence(ta);
        Reference.reachabilityFence(to);
    }
}
