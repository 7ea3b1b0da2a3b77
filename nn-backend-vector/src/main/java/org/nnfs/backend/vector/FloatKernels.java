package org.nnfs.backend.vector;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The float32 kernels other than GEMM on row-major arrays: a vector loop over whole vectors, then a
 * scalar loop for the tail (and for rows shorter than a vector).
 *
 * <p>Each switch picks a loop once per call, never per element. Every loop reads the inputs at an
 * index before writing that index, so an output may alias any input. Comparisons go through masks
 * ({@code x > 0 ? x : 0}) rather than {@code max}, which would keep a NaN where the specification in
 * {@link UnaryOp} gives 0. {@code DoubleKernels} is the same code for float64; keep the two in step.
 */
final class FloatKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private FloatKernels() {
    }

    static void fill(double value, float[] out) {
        Arrays.fill(out, (float) value);
    }

    /** {@code out = alpha * a + beta}. */
    static void affine(float[] a, double alpha, double beta, float[] out) {
        float al = (float) alpha;
        float be = (float) beta;
        int n = out.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(S, a, i).mul(al).add(be).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = al * a[i] + be;
        }
    }

    /** {@code out = alpha * a}. */
    static void scale(double alpha, float[] a, float[] out) {
        float al = (float) alpha;
        int n = out.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(S, a, i).mul(al).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = al * a[i];
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, float[] x, float[] y) {
        float al = (float) alpha;
        int n = y.length;
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(S, x, i).mul(al).add(FloatVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += al * x[i];
        }
    }

    /** {@code out[r][c] = a[r][c] + row[c]} for a row-major {@code [rows, cols]} array. */
    static void addRowVector(float[] a, float[] row, int cols, float[] out) {
        int upper = S.loopBound(cols);
        for (int base = 0; base < out.length; base += cols) {
            int c = 0;
            for (; c < upper; c += L) {
                FloatVector.fromArray(S, a, base + c).add(FloatVector.fromArray(S, row, c)).intoArray(out, base + c);
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
    static void sumColumns(float[] a, int cols, float[] out) {
        System.arraycopy(a, 0, out, 0, cols);
        int upper = S.loopBound(cols);
        for (int base = cols; base < a.length; base += cols) {
            int c = 0;
            for (; c < upper; c += L) {
                FloatVector.fromArray(S, out, c).add(FloatVector.fromArray(S, a, base + c)).intoArray(out, c);
            }
            for (; c < cols; c++) {
                out[c] += a[base + c];
            }
        }
    }

    /** Row-wise softmax after subtracting the row maximum. */
    static void softmaxRows(float[] a, int cols, float[] out) {
        int upper = S.loopBound(cols);
        for (int base = 0; base < a.length; base += cols) {
            float max = a[base];
            int c = 0;
            if (upper > 0) {
                FloatVector mv = FloatVector.fromArray(S, a, base);
                for (c = L; c < upper; c += L) {
                    mv = mv.max(FloatVector.fromArray(S, a, base + c));
                }
                max = mv.reduceLanes(VectorOperators.MAX);
            }
            for (; c < cols; c++) {
                max = Math.max(max, a[base + c]);
            }
            float sum = 0f;
            c = 0;
            if (upper > 0) {
                FloatVector sv = FloatVector.zero(S);
                for (; c < upper; c += L) {
                    FloatVector e = FloatVector.fromArray(S, a, base + c).sub(max).lanewise(VectorOperators.EXP);
                    e.intoArray(out, base + c);
                    sv = sv.add(e);
                }
                sum = sv.reduceLanes(VectorOperators.ADD);
            }
            for (; c < cols; c++) {
                float e = (float) Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            float inv = 1f / sum;
            c = 0;
            for (; c < upper; c += L) {
                FloatVector.fromArray(S, out, base + c).mul(inv).intoArray(out, base + c);
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
    static void argmaxRows(float[] a, int cols, int[] out) {
        int rows = a.length / cols;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int best = 0;
            float max = a[base];
            if (max == max) {
                for (int c = 1; c < cols; c++) {
                    float v = a[base + c];
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
    static void gatherRows(float[] src, int cols, int[] indices, int offset, float[] out) {
        int rows = out.length / cols;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, indices[offset + i] * cols, out, i * cols, cols);
        }
    }

    /** {@code out = op(a)}, matching {@link UnaryOp#apply}. */
    static void unary(UnaryOp op, float[] a, float[] out) {
        int n = out.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case RELU:
                for (; i < upper; i += L) {
                    FloatVector v = FloatVector.fromArray(S, a, i);
                    FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    float v = a[i];
                    out[i] = v > 0 ? v : 0f;
                }
                break;
            case SIGMOID:
                for (; i < upper; i += L) {
                    // e = exp(-|x|) never overflows; sigmoid is 1/(1+e) for x >= 0 and e/(1+e) below.
                    FloatVector v = FloatVector.fromArray(S, a, i);
                    FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                    FloatVector s = FloatVector.broadcast(S, 1f).div(e.add(1f));
                    VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
                    s.blend(e.mul(s), negative).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = sigmoid(a[i]);
                }
                break;
            case TANH:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).lanewise(VectorOperators.TANH).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = (float) Math.tanh(a[i]);
                }
                break;
            case EXP:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).lanewise(VectorOperators.EXP).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = (float) Math.exp(a[i]);
                }
                break;
            case LOG:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).lanewise(VectorOperators.LOG).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = (float) Math.log(a[i]);
                }
                break;
            case SQRT:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).sqrt().intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = (float) Math.sqrt(a[i]);
                }
                break;
            case SQUARE:
                for (; i < upper; i += L) {
                    FloatVector v = FloatVector.fromArray(S, a, i);
                    v.mul(v).intoArray(out, i);
                }
                for (; i < n; i++) {
                    float v = a[i];
                    out[i] = v * v;
                }
                break;
            default:
                throw new UnsupportedOperationException("unary " + op);
        }
    }

    /** Branching on the sign keeps exp() from overflowing, as in {@link UnaryOp#SIGMOID}. */
    private static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1 / (1 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1 + e));
    }

    /** {@code dx = dy * op'(x, y)}, matching {@link UnaryOp#derivative}. */
    static void unaryBackward(UnaryOp op, float[] x, float[] y, float[] dy, float[] dx) {
        int n = dx.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case RELU:
                // A multiply rather than a select, so that NaN/Inf in dy propagate as the definition says.
                for (; i < upper; i += L) {
                    FloatVector xv = FloatVector.fromArray(S, x, i);
                    FloatVector one = FloatVector.zero(S).blend(1f, xv.compare(VectorOperators.GT, 0f));
                    FloatVector.fromArray(S, dy, i).mul(one).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
                }
                break;
            case SIGMOID:
                for (; i < upper; i += L) {
                    FloatVector v = FloatVector.fromArray(S, y, i);
                    FloatVector.fromArray(S, dy, i).mul(v.mul(v.neg().add(1f))).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    float v = y[i];
                    dx[i] = dy[i] * (v * (1 - v));
                }
                break;
            case TANH:
                for (; i < upper; i += L) {
                    FloatVector v = FloatVector.fromArray(S, y, i);
                    FloatVector.fromArray(S, dy, i).mul(v.mul(v).neg().add(1f)).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    float v = y[i];
                    dx[i] = dy[i] * (1 - v * v);
                }
                break;
            case EXP:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, dy, i).mul(FloatVector.fromArray(S, y, i)).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * y[i];
                }
                break;
            case LOG:
                for (; i < upper; i += L) {
                    FloatVector inv = FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, x, i));
                    FloatVector.fromArray(S, dy, i).mul(inv).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (1 / x[i]);
                }
                break;
            case SQRT:
                for (; i < upper; i += L) {
                    FloatVector inv = FloatVector.broadcast(S, 0.5f).div(FloatVector.fromArray(S, y, i));
                    FloatVector.fromArray(S, dy, i).mul(inv).intoArray(dx, i);
                }
                for (; i < n; i++) {
                    dx[i] = dy[i] * (0.5f / y[i]);
                }
                break;
            case SQUARE:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, dy, i).mul(FloatVector.fromArray(S, x, i).mul(2f)).intoArray(dx, i);
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
    static void binary(BinaryOp op, float[] a, float[] b, float[] out) {
        int n = out.length;
        int upper = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
                break;
            case SUB:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
                break;
            case MUL:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
                break;
            case DIV:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).div(FloatVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
                break;
            case MAX:
                // The Vector API's MAX and MIN are Math.max and Math.min lane by lane (NaN wins, -0 < +0).
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).max(FloatVector.fromArray(S, b, i)).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = Math.max(a[i], b[i]);
                }
                break;
            case MIN:
                for (; i < upper; i += L) {
                    FloatVector.fromArray(S, a, i).min(FloatVector.fromArray(S, b, i)).intoArray(out, i);
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
