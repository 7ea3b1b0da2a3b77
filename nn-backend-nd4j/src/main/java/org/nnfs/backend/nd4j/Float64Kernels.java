package org.nnfs.backend.nd4j;

import java.nio.DoubleBuffer;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The float64 twin of {@link Float32Kernels} (same loops, same reasons, generated from it by replacing
 * the element type); edit both together.
 */
final class Float64Kernels {
    private Float64Kernels() {
    }

    static void fill(DoubleBuffer out, int n, double value) {
        for (int i = 0; i < n; i++) {
            out.put(i, value);
        }
    }

    static void copyFrom(float[] src, int offset, DoubleBuffer dst, int n) {
        for (int i = 0; i < n; i++) {
            dst.put(i, src[offset + i]);
        }
    }

    static void copyTo(DoubleBuffer src, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = (float) src.get(i);
        }
    }

    /** {@code out[r][c] = a[r][c] + row[c]}; any of the three may be the same tensor. */
    static void addRowVector(DoubleBuffer a, DoubleBuffer row, DoubleBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int c = 0; c < cols; c++) {
                out.put(base + c, a.get(base + c) + row.get(c));
            }
        }
    }

    /** {@code out[c] = Σ_r a[r][c]}, accumulated row by row to read {@code a} sequentially. */
    static void sumColumns(DoubleBuffer a, DoubleBuffer out, int rows, int cols) {
        // Start from row 0 rather than zero: out may be a itself when a has one row.
        for (int c = 0; c < cols; c++) {
            out.put(c, a.get(c));
        }
        for (int r = 1, base = cols; r < rows; r++, base += cols) {
            for (int c = 0; c < cols; c++) {
                out.put(c, out.get(c) + a.get(base + c));
            }
        }
    }

    /** First softmax pass: {@code out[r][c] = a[r][c] - max_c a[r][c]}, so that exp cannot overflow. */
    static void subtractRowMax(DoubleBuffer a, DoubleBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            double max = a.get(base);
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, a.get(base + c));
            }
            for (int c = 0; c < cols; c++) {
                out.put(base + c, a.get(base + c) - max);
            }
        }
    }

    /** Last softmax pass: divides each row by its sum (at least 1, the max's own exp(0)). */
    static void normalizeRows(DoubleBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += out.get(base + c);
            }
            double inv = 1 / sum;
            for (int c = 0; c < cols; c++) {
                out.put(base + c, out.get(base + c) * inv);
            }
        }
    }

    /** Index of the largest value of each row, the first one on ties. */
    static void argmaxRows(DoubleBuffer a, int rows, int cols, int[] out) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int best = 0;
            double max = a.get(base);
            for (int c = 1; c < cols; c++) {
                double v = a.get(base + c);
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    /** Row {@code i} of out = row {@code indices[offset + i]} of src, each a bulk copy. */
    static void gatherRows(DoubleBuffer src, int[] indices, int offset, DoubleBuffer out, int outRows, int cols) {
        for (int i = 0; i < outRows; i++) {
            out.put(i * cols, src, indices[offset + i] * cols, cols);
        }
    }

    /** The unary functions that are not worth a native call: RELU and SQUARE. */
    static void unary(UnaryOp op, DoubleBuffer a, DoubleBuffer out, int n) {
        switch (op) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    double x = a.get(i);
                    out.put(i, x > 0 ? x : 0);
                }
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    double x = a.get(i);
                    out.put(i, x * x);
                }
                break;
            default:
                throw new IllegalArgumentException("no Java kernel for " + op);
        }
    }

    /** {@code dx = dy · op'(x, y)}, one loop per op so that the derivative is inlined, not dispatched. */
    static void unaryBackward(UnaryOp op, DoubleBuffer x, DoubleBuffer y, DoubleBuffer dy, DoubleBuffer dx, int n) {
        switch (op) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    dx.put(i, x.get(i) > 0 ? dy.get(i) : 0);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double s = y.get(i);
                    dx.put(i, dy.get(i) * s * (1 - s));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    double t = y.get(i);
                    dx.put(i, dy.get(i) * (1 - t * t));
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    dx.put(i, dy.get(i) * y.get(i));
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    dx.put(i, dy.get(i) / x.get(i));
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    dx.put(i, dy.get(i) * 0.5 / y.get(i));
                }
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    dx.put(i, dy.get(i) * 2 * x.get(i));
                }
                break;
            default:
                throw new IllegalArgumentException("unknown unary op " + op);
        }
    }

    /** {@code out = op(a, b)} element-wise, one loop per op. */
    static void binary(BinaryOp op, DoubleBuffer a, DoubleBuffer b, DoubleBuffer out, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) + b.get(i));
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) - b.get(i));
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) * b.get(i));
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) / b.get(i));
                }
                break;
            case MAX:
                for (int i = 0; i < n; i++) {
                    out.put(i, Math.max(a.get(i), b.get(i)));
                }
                break;
            case MIN:
                for (int i = 0; i < n; i++) {
                    out.put(i, Math.min(a.get(i), b.get(i)));
                }
                break;
            default:
                throw new IllegalArgumentException("unknown binary op " + op);
        }
    }

    /** {@code out = alpha · a + beta}, computed in double. */
    static void affine(DoubleBuffer a, double alpha, double beta, DoubleBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, alpha * a.get(i) + beta);
        }
    }
}
