package org.nnfs.backend.nd4j;

import java.nio.FloatBuffer;

import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.UnaryOp;

/**
 * The float32 kernels that are cheap, memory-bound loops, written over the tensors' off-heap memory.
 *
 * <p>ND4J has native forms of most of them, but each call builds an op object and, for broadcasts and
 * reductions, looks up cached shape descriptors through allocating calls (2–8 KB of garbage per call,
 * measured); these loops allocate nothing and take 10–30 µs on a 512×100 tensor. Buffers are used with
 * absolute indices only, so concurrent readers of one tensor never disturb each other.
 *
 * <p>{@link Float64Kernels} is the same file for doubles; edit both together.
 */
final class Float32Kernels {
    private Float32Kernels() {
    }

    static void fill(FloatBuffer out, int n, double value) {
        float v = (float) value;
        for (int i = 0; i < n; i++) {
            out.put(i, v);
        }
    }

    static void copyFrom(double[] src, int offset, FloatBuffer dst, int n) {
        for (int i = 0; i < n; i++) {
            dst.put(i, (float) src[offset + i]);
        }
    }

    static void copyTo(FloatBuffer src, double[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = src.get(i);
        }
    }

    /** {@code out[r][c] = a[r][c] + row[c]}; any of the three may be the same tensor. */
    static void addRowVector(FloatBuffer a, FloatBuffer row, FloatBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int c = 0; c < cols; c++) {
                out.put(base + c, a.get(base + c) + row.get(c));
            }
        }
    }

    /** {@code out[c] = Σ_r a[r][c]}, accumulated row by row to read {@code a} sequentially. */
    static void sumColumns(FloatBuffer a, FloatBuffer out, int rows, int cols) {
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
    static void subtractRowMax(FloatBuffer a, FloatBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            float max = a.get(base);
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, a.get(base + c));
            }
            for (int c = 0; c < cols; c++) {
                out.put(base + c, a.get(base + c) - max);
            }
        }
    }

    /** Last softmax pass: divides each row by its sum (at least 1, the max's own exp(0)). */
    static void normalizeRows(FloatBuffer out, int rows, int cols) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            float sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += out.get(base + c);
            }
            float inv = 1 / sum;
            for (int c = 0; c < cols; c++) {
                out.put(base + c, out.get(base + c) * inv);
            }
        }
    }

    /** Index of the largest value of each row, the first one on ties. */
    static void argmaxRows(FloatBuffer a, int rows, int cols, int[] out) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int best = 0;
            float max = a.get(base);
            for (int c = 1; c < cols; c++) {
                float v = a.get(base + c);
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    /** Row {@code i} of out = row {@code indices[offset + i]} of src, each a bulk copy. */
    static void gatherRows(FloatBuffer src, int[] indices, int offset, FloatBuffer out, int outRows, int cols) {
        for (int i = 0; i < outRows; i++) {
            out.put(i * cols, src, indices[offset + i] * cols, cols);
        }
    }

    /** The unary functions that are not worth a native call: RELU and SQUARE. */
    static void unary(UnaryOp op, FloatBuffer a, FloatBuffer out, int n) {
        switch (op) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    float x = a.get(i);
                    out.put(i, x > 0 ? x : 0);
                }
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    float x = a.get(i);
                    out.put(i, x * x);
                }
                break;
            default:
                throw new IllegalArgumentException("no Java kernel for " + op);
        }
    }

    /** {@code dx = dy · op'(x, y)}, one loop per op so that the derivative is inlined, not dispatched. */
    static void unaryBackward(UnaryOp op, FloatBuffer x, FloatBuffer y, FloatBuffer dy, FloatBuffer dx, int n) {
        switch (op) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    dx.put(i, x.get(i) > 0 ? dy.get(i) : 0);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    float s = y.get(i);
                    dx.put(i, dy.get(i) * s * (1 - s));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    float t = y.get(i);
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
                    dx.put(i, dy.get(i) * 0.5f / y.get(i));
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
    static void binary(BinaryOp op, FloatBuffer a, FloatBuffer b, FloatBuffer out, int n) {
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

    /** {@code out = alpha · a + beta}, computed in double and rounded once. */
    static void affine(FloatBuffer a, double alpha, double beta, FloatBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, (float) (alpha * a.get(i) + beta));
        }
    }
}
