package org.nnfs.tensor;

/**
 * A plain-Java {@link Backend} for tests: straightforward single-threaded loops over {@code float[]} or
 * {@code double[]} storage. It proves the conformance suite in {@code nn-core} and shows the whole
 * recipe for a new backend: implement the kernels, subclass {@code BackendConformanceTest}, add a line
 * to {@code META-INF/services/org.nnfs.tensor.BackendProvider}.
 *
 * <p>It is deliberately not the {@link Reference} oracle: the oracle is the specification, this is an
 * implementation judged by it. In particular float32 GEMM accumulates in float, row by row into C
 * (i-k-j order), as a real float kernel would, so the suite's float32 tolerances are exercised.
 */
public final class ReferenceBackend extends Backend {
    /** The name the provider registers. */
    public static final String NAME = "reference";

    private final String name;

    /** A backend called {@value #NAME}. */
    public ReferenceBackend() {
        this(NAME);
    }

    /** A backend with another name, for registry tests that need several distinguishable backends. */
    ReferenceBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String description() {
        return name + " (plain Java loops for tests, 1 thread)";
    }

    private static ReferenceTensor t(Tensor t) {
        return (ReferenceTensor) t;
    }

    @Override
    protected Tensor doAllocate(int rows, int cols, DType dtype) {
        return new ReferenceTensor(this, rows, cols, dtype);
    }

    @Override
    protected void doCopyFrom(float[] src, int offset, Tensor dst, int dstOffset, int count) {
        ReferenceTensor d = t(dst);
        for (int i = 0; i < count; i++) {
            d.set(dstOffset + i, src[offset + i]);
        }
    }

    @Override
    protected void doCopyFrom(double[] src, int offset, Tensor dst, int dstOffset, int count) {
        ReferenceTensor d = t(dst);
        for (int i = 0; i < count; i++) {
            d.set(dstOffset + i, src[offset + i]);
        }
    }

    @Override
    protected void doCopyTo(Tensor src, float[] dst) {
        ReferenceTensor s = t(src);
        for (int i = 0; i < s.size(); i++) {
            dst[i] = (float) s.get(i);
        }
    }

    @Override
    protected void doCopyTo(Tensor src, double[] dst) {
        ReferenceTensor s = t(src);
        for (int i = 0; i < s.size(); i++) {
            dst[i] = s.get(i);
        }
    }

    @Override
    protected void doFill(double value, Tensor out) {
        ReferenceTensor o = t(out);
        for (int i = 0; i < o.size(); i++) {
            o.set(i, value);
        }
    }

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        ReferenceTensor ta = t(a);
        ReferenceTensor tb = t(b);
        ReferenceTensor tc = t(c);
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        // Strides turn op(X)[i][p] into one index expression whichever way X is stored.
        int aRow = transA ? 1 : a.cols();
        int aCol = transA ? a.cols() : 1;
        int bRow = transB ? 1 : b.cols();
        int bCol = transB ? b.cols() : 1;
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                // beta == 0 must overwrite, not multiply: 0 * NaN would keep the NaN.
                tc.set(ci + j, beta == 0 ? 0 : beta * tc.get(ci + j));
            }
            for (int p = 0; p < k; p++) {
                double aip = alpha * ta.get(i * aRow + p * aCol);
                for (int j = 0; j < n; j++) {
                    tc.set(ci + j, tc.get(ci + j) + aip * tb.get(p * bRow + j * bCol));
                }
            }
        }
    }

    @Override
    protected void doSumColumns(Tensor a, Tensor out) {
        ReferenceTensor ta = t(a);
        ReferenceTensor to = t(out);
        int cols = a.cols();
        for (int c = 0; c < cols; c++) {
            to.set(c, 0);
        }
        for (int i = 0; i < a.size(); i++) {
            to.set(i % cols, to.get(i % cols) + ta.get(i));
        }
    }

    @Override
    protected void doSoftmaxRows(Tensor a, Tensor out) {
        ReferenceTensor ta = t(a);
        ReferenceTensor to = t(out);
        int cols = a.cols();
        for (int r = 0; r < a.rows(); r++) {
            int start = r * cols;
            double max = ta.get(start);
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, ta.get(start + c));
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                // Reads a[i] before writing out[i]: safe when out is a.
                double e = Math.exp(ta.get(start + c) - max);
                to.set(start + c, e);
                sum += e;
            }
            double inv = 1 / sum;
            for (int c = 0; c < cols; c++) {
                to.set(start + c, to.get(start + c) * inv);
            }
        }
    }

    @Override
    protected void doArgmaxRows(Tensor a, int[] out) {
        ReferenceTensor ta = t(a);
        int cols = a.cols();
        for (int r = 0; r < a.rows(); r++) {
            int best = 0;
            double bestValue = ta.get(r * cols);
            for (int c = 1; c < cols && bestValue == bestValue; c++) {
                double v = ta.get(r * cols + c);
                if (v > bestValue || v != v) { // a NaN counts as largest: the first one wins
                    bestValue = v;
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    @Override
    protected void doGatherRows(Tensor src, int[] indices, int offset, Tensor out) {
        ReferenceTensor s = t(src);
        ReferenceTensor o = t(out);
        int cols = src.cols();
        for (int i = 0; i < out.rows(); i++) {
            int from = indices[offset + i] * cols;
            if (o.floats != null) {
                System.arraycopy(s.floats, from, o.floats, i * cols, cols);
            } else {
                System.arraycopy(s.doubles, from, o.doubles, i * cols, cols);
            }
        }
    }

    @Override
    protected void doUnary(UnaryOp op, Tensor a, Tensor out) {
        ReferenceTensor ta = t(a);
        ReferenceTensor to = t(out);
        for (int i = 0; i < a.size(); i++) {
            double x = ta.get(i);
            double y;
            switch (op) {
                case RELU: y = x > 0 ? x : 0; break;
                case SIGMOID: y = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); break;
                case TANH: y = Math.tanh(x); break;
                case GELU: y = x * StandardNormal.cdf(x); break;
                case EXP: y = Math.exp(x); break;
                case LOG: y = Math.log(x); break;
                case SQRT: y = Math.sqrt(x); break;
                case SQUARE: y = x * x; break;
                default: throw new AssertionError(op);
            }
            to.set(i, y);
        }
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        ReferenceTensor tx = t(x);
        ReferenceTensor ty = t(y);
        ReferenceTensor tdy = t(dy);
        ReferenceTensor tdx = t(dx);
        for (int i = 0; i < x.size(); i++) {
            double xi = tx.get(i);
            double yi = ty.get(i);
            double d;
            switch (op) {
                case RELU: d = xi > 0 ? 1 : 0; break;
                case SIGMOID: d = yi * (1 - yi); break;
                case TANH: d = 1 - yi * yi; break;
                case GELU: d = StandardNormal.cdf(xi) + xi * StandardNormal.density(xi); break;
                case EXP: d = yi; break;
                case LOG: d = 1 / xi; break;
                case SQRT: d = 0.5 / yi; break;
                case SQUARE: d = 2 * xi; break;
                default: throw new AssertionError(op);
            }
            tdx.set(i, tdy.get(i) * d);
        }
    }

    @Override
    protected void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        binary(op, a, b, out, 1, Integer.MAX_VALUE);
    }

    @Override
    protected void doBinaryRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
        binary(op, a, row, out, 1, a.cols());
    }

    @Override
    protected void doBinaryColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
        binary(op, a, column, out, a.cols(), Integer.MAX_VALUE);
    }

    /**
     * {@code out[i] = op(a[i], b[(i / div) % mod])}: plain, row or column broadcast. Index arithmetic
     * rather than a capturing lambda, so that inference on this backend allocates nothing per call.
     */
    private static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out, int div, int mod) {
        ReferenceTensor ta = t(a);
        ReferenceTensor tb = t(b);
        ReferenceTensor to = t(out);
        for (int i = 0; i < a.size(); i++) {
            double u = ta.get(i);
            double v = tb.get((i / div) % mod);
            double r;
            switch (op) {
                case ADD: r = u + v; break;
                case SUB: r = u - v; break;
                case MUL: r = u * v; break;
                case DIV: r = u / v; break;
                case MAX: r = Math.max(u, v); break;
                case MIN: r = Math.min(u, v); break;
                default: throw new AssertionError(op);
            }
            to.set(i, r);
        }
    }

    @Override
    protected void doAffine(Tensor a, double alpha, double beta, Tensor out) {
        ReferenceTensor ta = t(a);
        ReferenceTensor to = t(out);
        for (int i = 0; i < a.size(); i++) {
            to.set(i, alpha * ta.get(i) + beta);
        }
    }

    @Override
    protected void doAxpy(double alpha, Tensor x, Tensor y) {
        ReferenceTensor tx = t(x);
        ReferenceTensor ty = t(y);
        for (int i = 0; i < x.size(); i++) {
            ty.set(i, alpha * tx.get(i) + ty.get(i));
        }
    }
}
