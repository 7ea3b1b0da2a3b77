package org.nnfs.tensor;

/**
 * The specification of every {@link Backend} operation as plain Java on row-major {@code double[]}
 * arrays, computed in double precision. Tests compare backends against it.
 *
 * <p>It is written to be obviously correct, not fast: one loop per definition, a naive triple loop for
 * GEMM (the "algorithmic reference" of llm.c), and the scalar definitions of {@link UnaryOp} and
 * {@link BinaryOp}. Every method returns a new array and never modifies its arguments, so a test can
 * compute the expected value before or after running the backend on the same data.
 */
public final class Reference {
    private Reference() {
    }

    /**
     * {@code alpha · op(A) · op(B) + beta · C}, with {@code op(X)} = X or Xᵀ.
     * With {@code beta == 0} the old C is ignored entirely (BLAS convention: NaN in C does not leak);
     * {@code c} may then be null.
     *
     * @param a row-major {@code aRows × aCols}
     * @param b row-major {@code bRows × bCols}
     * @param c row-major {@code m × n} where {@code m × k = op(A)}, {@code k × n = op(B)}
     */
    public static double[] gemm(boolean transA, boolean transB, double alpha,
                                double[] a, int aRows, int aCols,
                                double[] b, int bRows, int bCols,
                                double beta, double[] c) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb) {
            throw new IllegalArgumentException("reference gemm: inner dimensions " + k + " and " + kb);
        }
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[p * aCols + i] : a[i * aCols + p];
                    double bpj = transB ? b[j * bCols + p] : b[p * bCols + j];
                    sum += aip * bpj;
                }
                double value = alpha * sum;
                if (beta != 0) {
                    value += beta * c[i * n + j];
                }
                out[i * n + j] = value;
            }
        }
        return out;
    }

    /** {@code out[r][c] = a[r][c] + row[c]}. */
    public static double[] addRowVector(double[] a, int rows, int cols, double[] row) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = a[r * cols + c] + row[c];
            }
        }
        return out;
    }

    /** {@code out[c] = Σ_r a[r][c]}, a {@code 1 × cols} result. */
    public static double[] sumColumns(double[] a, int rows, int cols) {
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += a[r * cols + c];
            }
            out[c] = sum;
        }
        return out;
    }

    /** {@code op(a)} element-wise. */
    public static double[] unary(UnaryOp op, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = op.apply(a[i]);
        }
        return out;
    }

    /** {@code dy · op'(x, y)} element-wise. */
    public static double[] unaryBackward(UnaryOp op, double[] x, double[] y, double[] dy) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = dy[i] * op.derivative(x[i], y[i]);
        }
        return out;
    }

    /** {@code op(a, b)} element-wise. */
    public static double[] binary(BinaryOp op, double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
        return out;
    }

    /** {@code op(a[r][c], row[c])}: {@code b} broadcast along the rows of a {@code rows × cols} array. */
    public static double[] binaryRowVector(BinaryOp op, double[] a, int rows, int cols, double[] row) {
        return binary(op, a, broadcastRow(row, rows));
    }

    /** {@code op(a[r][c], column[r])}: {@code b} broadcast along the columns of a {@code rows × cols} array. */
    public static double[] binaryColumnVector(BinaryOp op, double[] a, int rows, int cols, double[] column) {
        return binary(op, a, broadcastColumn(column, cols));
    }

    /** {@code row} repeated {@code rows} times: a {@code rows × row.length} array. */
    public static double[] broadcastRow(double[] row, int rows) {
        double[] out = new double[rows * row.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, out, r * row.length, row.length);
        }
        return out;
    }

    /** Each {@code column[r]} repeated {@code cols} times: a {@code column.length × cols} array. */
    public static double[] broadcastColumn(double[] column, int cols) {
        double[] out = new double[column.length * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = column[i / cols];
        }
        return out;
    }

    /** {@code alpha · a + beta} element-wise. */
    public static double[] affine(double[] a, double alpha, double beta) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i] + beta;
        }
        return out;
    }

    /** {@code alpha · a} element-wise. */
    public static double[] scale(double alpha, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i];
        }
        return out;
    }

    /** {@code alpha · x + y} element-wise. */
    public static double[] axpy(double alpha, double[] x, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = alpha * x[i] + y[i];
        }
        return out;
    }

    /** {@code size} copies of {@code value}. */
    public static double[] fill(double value, int size) {
        double[] out = new double[size];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /**
     * Row-wise softmax, stable: the row maximum is subtracted before exponentiating, so every exponent is
     * at most 0 and the largest term is exactly 1 (no overflow, and the sum is at least 1).
     */
    public static double[] softmaxRows(double[] a, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(a[r * cols + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = Math.exp(a[r * cols + c] - max) / sum;
            }
        }
        return out;
    }

    /** The column index of each row's largest value; the first one on ties; a NaN counts as largest. */
    public static int[] argmaxRows(double[] a, int rows, int cols) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 0; c < cols; c++) {
                double v = a[r * cols + c];
                if (Double.isNaN(v)) {
                    best = c; // NaN counts as the largest value (NumPy's rule): the first one wins
                    break;
                }
                if (v > a[r * cols + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Row {@code i} of the result is row {@code indices[offset + i]} of {@code src}, for {@code i < outRows}. */
    public static double[] gatherRows(double[] src, int cols, int[] indices, int offset, int outRows) {
        double[] out = new double[outRows * cols];
        for (int i = 0; i < outRows; i++) {
            System.arraycopy(src, indices[offset + i] * cols, out, i * cols, cols);
        }
        return out;
    }

    /** A copy of {@code a}. */
    public static double[] copy(double[] a) {
        return a.clone();
    }

    /** The transpose of a row-major {@code rows × cols} array. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    /** {@code |a|} element-wise: used to build the magnitude scale against which rounding is judged. */
    public static double[] abs(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.abs(a[i]);
        }
        return out;
    }

    /** {@code a} rounded to float32 and back: what a float32 tensor holds after {@code copyFrom(double[])}. */
    public static double[] roundToFloat(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }
}
