package org.nnfs.backend.ojalgo;

import java.util.Arrays;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The float32 kernels other than GEMM, as plain loops over row-major arrays (the arrays ojAlgo's
 * {@code R032Store} wraps, see {@link OjAlgoTensor}).
 *
 * <p>Why not ojAlgo's {@code modifyAll}/{@code modifyMatching}: they call a functional object per element
 * and have no stable softmax or signed argmax; a simple counted loop lets the JIT vectorise and
 * allocates nothing. Each switch picks a loop once per call, never per element. Every loop reads the
 * inputs at index {@code i} before writing index {@code i}, so an output may alias any input.
 *
 * <p>{@code DoubleKernels} is the same code for float64; keep the two in step.
 */
final class FloatKernels {
    private FloatKernels() {
    }

    static void fill(double value, float[] out) {
        Arrays.fill(out, (float) value);
    }

    /** {@code out = alpha * a + beta}. */
    static void affine(float[] a, double alpha, double beta, float[] out) {
        float al = (float) alpha;
        float be = (float) beta;
        for (int i = 0; i < out.length; i++) {
            out[i] = al * a[i] + be;
        }
    }

    /** {@code out = alpha * a}. */
    static void scale(double alpha, float[] a, float[] out) {
        float al = (float) alpha;
        for (int i = 0; i < out.length; i++) {
            out[i] = al * a[i];
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, float[] x, float[] y) {
        float al = (float) alpha;
        for (int i = 0; i < y.length; i++) {
            y[i] += al * x[i];
        }
    }

    /** {@code c = alpha * p + beta * c}: the GEMM epilogue when {@code beta != 0}. */
    static void scaleAdd(double alpha, float[] p, double beta, float[] c) {
        float al = (float) alpha;
        float be = (float) beta;
        for (int i = 0; i < c.length; i++) {
            c[i] = al * p[i] + be * c[i];
        }
    }

    /** {@code out[r][c] = a[r][c] + row[c]} for a row-major {@code [rows, cols]} array. */
    static void addRowVector(float[] a, float[] row, int cols, float[] out) {
        for (int base = 0; base < out.length; base += cols) {
            for (int c = 0; c < cols; c++) {
                out[base + c] = a[base + c] + row[c];
            }
        }
    }

    /**
     * {@code out[c] = Σ_r a[r][c]}, walking rows so the inner loop is contiguous. The first row is copied
     * rather than {@code out} zeroed, which stays right when {@code out} is {@code a} (then a has one row).
     */
    static void sumColumns(float[] a, int cols, float[] out) {
        System.arraycopy(a, 0, out, 0, cols);
        for (int base = cols; base < a.length; base += cols) {
            for (int c = 0; c < cols; c++) {
                out[c] += a[base + c];
            }
        }
    }

    /** Row-wise softmax after subtracting the row maximum; the sum is kept in double. */
    static void softmaxRows(float[] a, int cols, float[] out) {
        for (int base = 0; base < a.length; base += cols) {
            float max = a[base];
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, a[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int c = 0; c < cols; c++) {
                out[base + c] *= inv;
            }
        }
    }

    /**
     * Index of each row's largest value, the first on ties (not ojAlgo's {@code indexOfLargest}, which
     * compares absolute values). A NaN counts as largest, as in NumPy: its first index wins.
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

    /**
     * {@code dst = alpha · srcᵀ + beta · dst} for a row-major {@code [rows, cols]} {@code src} and row-major
     * {@code [cols, rows]} {@code dst}, in cache tiles. With {@code beta = 0} the old {@code dst} is not read
     * (GEMM's contract: even NaN there is ignored).
     */
    static void transpose(float[] src, int rows, int cols, double alpha, double beta, float[] dst) {
        float al = (float) alpha;
        float be = (float) beta;
        boolean accumulate = beta != 0;
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int rEnd = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int cEnd = Math.min(cols, c0 + tile);
                for (int r = r0; r < rEnd; r++) {
                    for (int c = c0; c < cEnd; c++) {
                        int o = c * rows + r;
                        float v = al * src[r * cols + c];
                        dst[o] = accumulate ? v + be * dst[o] : v;
                    }
                }
            }
        }
    }

    /** {@code out = op(a)}, matching {@link UnaryOp#apply}. */
    static void unary(UnaryOp op, float[] a, float[] out) {
        int n = out.length;
        switch (op) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    float v = a[i];
                    out[i] = v > 0 ? v : 0f;
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[i] = sigmoid(a[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.tanh(a[i]);
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.exp(a[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.log(a[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.sqrt(a[i]);
                }
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) {
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
        switch (op) {
            case RELU:
                // A multiply rather than a select, so that NaN/Inf in dy propagate as the definition says.
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    float v = y[i];
                    dx[i] = dy[i] * (v * (1 - v));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    float v = y[i];
                    dx[i] = dy[i] * (1 - v * v);
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * y[i];
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (1 / x[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (0.5f / y[i]);
                }
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) {
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
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
                break;
            case MAX:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.max(a[i], b[i]);
                }
                break;
            case MIN:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.min(a[i], b[i]);
                }
                break;
            default:
                throw new UnsupportedOperationException("binary " + op);
        }
    }
}
