package org.nnfs.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * The tensor backend in pure Java on the JDK Vector API ({@code jdk.incubator.vector}): a blocked GEMM
 * ({@link FloatGemm}, {@link DoubleGemm}) split over a fixed team of threads ({@link Workers}), and
 * vector loops for everything else ({@link FloatKernels}, {@link DoubleKernels}). Obtain it with
 * {@code Backends.get("vector")}; the JVM needs {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Tensors are plain row-major arrays ({@link VectorTensor}). Only GEMM uses more than one thread:
 * the other kernels are memory-bound passes over at most a few hundred kilobytes, where a hand-off
 * to another thread costs about as much as the work. GEMMs are serialised per backend (see
 * {@link FloatGemm}); the other kernels keep no state, so the backend may be shared by threads that
 * work on distinct tensors.
 */
final class VectorBackend extends Backend {
    private final int threads;
    private final FloatGemm floatGemm;
    private final DoubleGemm doubleGemm;

    /** @param threads threads one GEMM may use, at least 1 */
    VectorBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        Workers workers = Workers.ofSize(threads);
        this.floatGemm = new FloatGemm(workers);
        this.doubleGemm = new DoubleGemm(workers);
    }

    @Override
    public String name() {
        return VectorBackendProvider.NAME;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String description() {
        return "vector (JDK Vector API, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors of "
                + FloatVector.SPECIES_PREFERRED.length() + " floats or " + DoubleVector.SPECIES_PREFERRED.length()
                + " doubles, pure Java, " + threads + (threads == 1 ? " thread)" : " threads)");
    }

    private static VectorTensor t(Tensor t) {
        return (VectorTensor) t;
    }

    // ---------------------------------------------------------------- allocation and copies

    @Override
    protected Tensor doAllocate(int rows, int cols, DType dtype) {
        return new VectorTensor(this, rows, cols, dtype);
    }

    @Override
    protected void doCopyFrom(float[] src, int offset, Tensor dst) {
        VectorTensor d = t(dst);
        if (d.f != null) {
            System.arraycopy(src, offset, d.f, 0, d.f.length);
        } else {
            double[] out = d.d;
            for (int i = 0; i < out.length; i++) {
                out[i] = src[offset + i];
            }
        }
    }

    @Override
    protected void doCopyFrom(double[] src, int offset, Tensor dst) {
        VectorTensor d = t(dst);
        if (d.d != null) {
            System.arraycopy(src, offset, d.d, 0, d.d.length);
        } else {
            float[] out = d.f;
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) src[offset + i];
            }
        }
    }

    @Override
    protected void doCopyTo(Tensor src, float[] dst) {
        VectorTensor s = t(src);
        if (s.f != null) {
            System.arraycopy(s.f, 0, dst, 0, s.f.length);
        } else {
            double[] in = s.d;
            for (int i = 0; i < in.length; i++) {
                dst[i] = (float) in[i];
            }
        }
    }

    @Override
    protected void doCopyTo(Tensor src, double[] dst) {
        VectorTensor s = t(src);
        if (s.d != null) {
            System.arraycopy(s.d, 0, dst, 0, s.d.length);
        } else {
            float[] in = s.f;
            for (int i = 0; i < in.length; i++) {
                dst[i] = in[i];
            }
        }
    }

    @Override
    protected void doCopy(Tensor src, Tensor dst) {
        VectorTensor s = t(src);
        VectorTensor d = t(dst);
        if (s.f != null) {
            System.arraycopy(s.f, 0, d.f, 0, s.f.length);
        } else {
            System.arraycopy(s.d, 0, d.d, 0, s.d.length);
        }
    }

    @Override
    protected void doFill(double value, Tensor out) {
        VectorTensor o = t(out);
        if (o.f != null) {
            FloatKernels.fill(value, o.f);
        } else {
            DoubleKernels.fill(value, o.d);
        }
    }

    // ---------------------------------------------------------------- GEMM

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        VectorTensor x = t(a);
        VectorTensor y = t(b);
        VectorTensor z = t(c);
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        if (z.f != null) {
            floatGemm.gemm(transA, transB, alpha, x.f, y.f, beta, z.f, m, n, k);
        } else {
            doubleGemm.gemm(transA, transB, alpha, x.d, y.d, beta, z.d, m, n, k);
        }
    }

    // ---------------------------------------------------------------- row and column work

    @Override
    protected void doAddRowVector(Tensor a, Tensor row, Tensor out) {
        VectorTensor x = t(a);
        VectorTensor r = t(row);
        VectorTensor o = t(out);
        if (x.f != null) {
            FloatKernels.addRowVector(x.f, r.f, x.cols(), o.f);
        } else {
            DoubleKernels.addRowVector(x.d, r.d, x.cols(), o.d);
        }
    }

    @Override
    protected void doSumColumns(Tensor a, Tensor out) {
        VectorTensor x = t(a);
        VectorTensor o = t(out);
        if (x.f != null) {
            FloatKernels.sumColumns(x.f, x.cols(), o.f);
        } else {
            DoubleKernels.sumColumns(x.d, x.cols(), o.d);
        }
    }

    @Override
    protected void doSoftmaxRows(Tensor a, Tensor out) {
        VectorTensor x = t(a);
        VectorTensor o = t(out);
        if (x.f != null) {
            FloatKernels.softmaxRows(x.f, x.cols(), o.f);
        } else {
            DoubleKernels.softmaxRows(x.d, x.cols(), o.d);
        }
    }

    @Override
    protected void doArgmaxRows(Tensor a, int[] out) {
        VectorTensor x = t(a);
        if (x.f != null) {
            FloatKernels.argmaxRows(x.f, x.cols(), out);
        } else {
            DoubleKernels.argmaxRows(x.d, x.cols(), out);
        }
    }

    @Override
    protected void doGatherRows(Tensor src, int[] indices, int offset, Tensor out) {
        VectorTensor s = t(src);
        VectorTensor o = t(out);
        if (s.f != null) {
            FloatKernels.gatherRows(s.f, s.cols(), indices, offset, o.f);
        } else {
            DoubleKernels.gatherRows(s.d, s.cols(), indices, offset, o.d);
        }
    }

    // ---------------------------------------------------------------- element-wise work

    @Override
    protected void doUnary(UnaryOp op, Tensor a, Tensor out) {
        VectorTensor x = t(a);
        VectorTensor o = t(out);
        if (x.f != null) {
            FloatKernels.unary(op, x.f, o.f);
        } else {
            DoubleKernels.unary(op, x.d, o.d);
        }
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        VectorTensor xi = t(x);
        if (xi.f != null) {
            FloatKernels.unaryBackward(op, xi.f, t(y).f, t(dy).f, t(dx).f);
        } else {
            DoubleKernels.unaryBackward(op, xi.d, t(y).d, t(dy).d, t(dx).d);
        }
    }

    @Override
    protected void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        VectorTensor x = t(a);
        if (x.f != null) {
            FloatKernels.binary(op, x.f, t(b).f, t(out).f);
        } else {
            DoubleKernels.binary(op, x.d, t(b).d, t(out).d);
        }
    }

    @Override
    protected void doAffine(Tensor a, double alpha, double beta, Tensor out) {
        VectorTensor x = t(a);
        if (x.f != null) {
            FloatKernels.affine(x.f, alpha, beta, t(out).f);
        } else {
            DoubleKernels.affine(x.d, alpha, beta, t(out).d);
        }
    }

    @Override
    protected void doScale(double alpha, Tensor a, Tensor out) {
        VectorTensor x = t(a);
        if (x.f != null) {
            FloatKernels.scale(alpha, x.f, t(out).f);
        } else {
            DoubleKernels.scale(alpha, x.d, t(out).d);
        }
    }

    @Override
    protected void doAxpy(double alpha, Tensor x, Tensor y) {
        VectorTensor xi = t(x);
        if (xi.f != null) {
            FloatKernels.axpy(alpha, xi.f, t(y).f);
        } else {
            DoubleKernels.axpy(alpha, xi.d, t(y).d);
        }
    }
}
