package org.nnfs.backend.vector;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The float64 kernels other than GEMM: {@link FloatKernels}' code for doubles; keep the two in step.
 */
final class DoubleKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private DoubleKernels() {
    }

    static void fill(double value, double[] out) {
        Arrays.fill(out, value);
    }

    /** {@code out = alpha * a + beta}. */
    static void affine(double[] a, double alpha, double beta, double[] out) {
        double al = alpha;
        double be = beta;
        int n = out.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            DoubleVector.fromArray(S, a, i).mul(al).add(be).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = al * a[i] + be;
        }
    }

    /** {@code out = alpha * a}. */
    static void scale(double alpha, double[] a, double[] out) {
        double al = alpha;
        int n = out.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            DoubleVector.fromArray(S, a, i).mul(al).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = al * a[i];
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, double[] x, double[] y) {
        double al = alpha;
        int n = y.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            DoubleVector.fromArray(S, x, i).mul(al).add(DoubleVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += al * x[i];
        }
    }

    /** {@code out[r][c] = a[r][c] + row[c]} for a row-major {@code [rows, cols]} array. */
    static void addRowVector(double[] a, double[] row, int cols, double[] out) {
        int upper = S.loopBound(cols);
        for (int base = 0; base < out.length; base += cols) {
            int c = 0;
            for (; c < upper; c += L) {
                DoubleVector.fromArray(S, a, base + c).add(DoubleVector.fromArray(S, row, c)).intoArray(out, base + c);
            }
            for (; c < cols; c++) {
                out[base + c] = a[base + c] + row[c];
            }
        }
    }

    /**
     * {@code out[c] = Σ_r a[r][c]}, walking rows so that the inner loop is contiguous. The first row is
     * copied rather than {@code out} zeroed, which stays right when {@code out} is {@code a} (one row).
     */
    static void sumColumns(double[] a, int cols, double[] out) {
        System.arraycopy(a, 0, out, 0, cols);
        int upper = S.loopBound(cols);
        for (int base = cols; base < a.length; base += cols) {
            int c = 0;
            for (; c < upper; c += L) {
                DoubleVector.fromArray(S, out, c).add(DoubleVector.fromArray(S, a, base + c)).intoArray(out, c);
            }
            for (; c < cols; c++) {
                out[c] += a[base + c];
            }
        }
    }

    /** Row-wise softmax after subtracting the row maximum. */
    static void softmaxRows(double[] a, int cols, double[] out) {
        int upper = S.loopBound(cols);
        for (int base = 0; base < a.length; base += cols) {
            double max = a[base];
            int c = 0;
            if (upper > 0) {
                DoubleVector mv = DoubleVector.fromArray(S, a, base);
                for (c = L; c < upper; c += L) {
                    mv = mv.max(DoubleVector.fromArray(S, a, base + c));
                }
                max = mv.reduceLanes(VectorOperators.MAX);
            }
            for (; c < cols; c++) {
                max = Math.max(max, a[base + c]);
            }
            double sum = 0.0;
            c = 0;
            if (upper > 0) {
                DoubleVector sv = DoubleVector.zero(S);
                for (; c < upper; c += L) {
                    DoubleVector e = DoubleVector.fromArray(S, a, base + c).sub(max).lanewise(VectorOperators.EXP);
                    e.intoArray(out, base + c);
                    sv = sv.add(e);
                }
                sum = sv.reduceLanes(VectorOperators.ADD);
            }
            for (; c < cols; c++) {
                double e = Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            c = 0;
            for (; c < upper; c += L) {
                DoubleVector.fromArray(S, out, base + c).mul(inv).intoArray(out, base + c);
            }
            for (; c < cols; c++) {
                out[base + c] *= inv;
            }
        }
    }

    /**
     * Index of each row's largest value, the first on ties. A NaN counts as largest, as in NumPy: its
     * first index wins. Scalar: rows are short (the classes of a classifier) and this runs once per batch.
     */
    static void argmaxRows(double[] a, int cols, int[] out) {
        int rows = a.length / cols;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int best = 0;
            double max = a[base];
            if (max == max) {
                for (int c = 1; c < cols; c++) {
                    double v = a[base + c];
                    if (v > max) {
                        max = v;
                        best = c;
                    } else if (v != v) {
                        best = c;
                        break;
                    }
                }
            }
            out[r] = best;
        }
    }

    /** {@code out} row {@code i} = {@code src} row {@code indices[offset + i]}. */
    static void gatherRows(double[] src, int cols, int[] indices, int offset, double[] out) {
        int rows = out.length / cols;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, indices[offset + i] * cols, out, i * cols, cols);
        }
    }

    /** {@code out = op(a)}, matching {@link UnaryOp#apply}. */
    static void unary(UnaryOp op, double[] a, double[] out) {
        int n = out.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case RELU:
                for (; i < upper; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, a, i);
                    DoubleVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    double v = a[i];
                    out[i] = v > 0 ? v : 0.0;
                }
                break;
            case SIGMOID:
                for (; i < upper; i += L) {
                    // e = exp(-|x|) never overflows; sigmoid is 1/(1+e) for x >= 0 and e/(1+e) below.
                    DoubleVector v = DoubleVector.fromArray(S, a, i);
                    DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                    DoubleVector s = DoubleVector.broadcast(S, 1.0).div(e.add(1.0));
                    VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
                    s.blend(e.mul(s), negative).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = sigmoid(a[i]);
                }
                break;
            case TANH:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.TANH).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.tanh(a[i]);
                }
                break;
            case EXP:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.EXP).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.exp(a[i]);
                }
                break;
            case LOG:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.LOG).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.log(a[i]);
                }
                break;
            case SQRT:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).sqrt().intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.sqrt(a[i]);
                }
                break;
            case SQUARE:
                for (; i < upper; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, a, i);
                    v.mul(v).intoArray(out, i);
                }
                for (; i < n; i++) {
                    double v = a[i];
                    out[i] = v * v;
                }
                break;
            default:
                throw new UnsupportedOperationException("unary " + op);
        }
    }

    /** Branching on the sign keeps exp() from overflowing, as in {@link UnaryOp#SIGMOID}. */
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** {@code dx = dy * op'(x, y)}, matching {@link UnaryOp#derivative}. */
    static void unaryBackward(UnaryOp op, double[] x, double[] y, double[] dy, double[] dx) {
        int n = dx.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case RELU:
                // A multiply rather than a select, so that NaN/Inf in dy propagate as the definition says.
                for (; i < upper; i += L) {
                    DoubleVector xv = DoubleVector.fromArray(S, x, i);
                    DoubleVector one = DoubleVector.zero(S).blend(1.0, xv.compare(VectorOperators.GT, 0.0));
                    DoubleVector.fromArray(S, dy, i).mul(one).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1.0 : 0.0);
                }
                break;
            case SIGMOID:
                for (; i < upper; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, y, i);
                    DoubleVector.fromArray(S, dy, i).mul(v.mul(v.neg().add(1.0))).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    double v = y[i];
                    dx[i] = dy[i] * (v * (1 - v));
                }
                break;
            case TANH:
                for (; i < upper; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, y, i);
                    DoubleVector.fromArray(S, dy, i).mul(v.mul(v).neg().add(1.0)).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    double v = y[i];
                    dx[i] = dy[i] * (1 - v * v);
                }
                break;
            case EXP:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, dy, i).mul(DoubleVector.fromArray(S, y, i)).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * y[i];
                }
                break;
            case LOG:
                for (; i < upper; i += L) {
                    DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(DoubleVector.fromArray(S, x, i));
                    DoubleVector.fromArray(S, dy, i).mul(inv).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (1 / x[i]);
                }
                break;
            case SQRT:
                for (; i < upper; i += L) {
                    DoubleVector inv = DoubleVector.broadcast(S, 0.5).div(DoubleVector.fromArray(S, y, i));
                    DoubleVector.fromArray(S, dy, i).mul(inv).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (0.5 / y[i]);
                }
                break;
            case SQUARE:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, dy, i).mul(DoubleVector.fromArray(S, x, i).mul(2.0)).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (2 * x[i]);
                }
                break;
            default:
                throw new UnsupportedOperationException("unaryBackward " + op);
        }
    }

    /** {@code out = op(a, b)}, matching {@link BinaryOp#apply}. */
    static void binary(BinaryOp op, double[] a, double[] b, double[] out) {
        int n = out.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).add(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
                break;
            case SUB:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).sub(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
                break;
            case MUL:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).mul(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
                break;
            case DIV:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).div(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
                break;
            case MAX:
                // The Vector API's MAX and MIN are Math.max and Math.min lane by lane (NaN wins, -0 < +0).
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).max(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.max(a[i], b[i]);
                }
                break;
            case MIN:
                for (; i < upper; i += L) {
                    DoubleVector.fromArray(S, a, i).min(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.min(a[i], b[i]);
                }
                break;
            default:
                throw new UnsupportedOperationException("binary " + op);
        }
    }
}
