package org.nnfs.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * The other ways of driving ojAlgo's float32 products that the ojalgo backend's GEMM was chosen against
 * (its {@code OjAlgoGemm} explains the choice with these numbers), for {@link GemmThroughput}. Tensors are
 * row-major and ojAlgo stores column-major; S(X) below is the backend's layout, X's store shaped like Xᵀ.
 * <ul>
 * <li>{@code Cᵀ view}: always form Cᵀ = op(B)ᵀ·op(A)ᵀ, a transposed operand passed as an ojAlgo view.</li>
 * <li>{@code Cᵀ+copy}: the same, a transposed operand first copied into a store so that ojAlgo runs its
 *     all-physical kernel (the copy is timed too).</li>
 * <li>{@code C+transpose}: C formed column-major into scratch (one operand a view), then transposed.</li>
 * <li>{@code natural}: stores shaped like their tensors, C = op(A)·op(B), transposed operands as views.</li>
 * <li>{@code natural+copy}: the natural layout with transposed operands copied first.</li>
 * </ul>
 * Every way into ojAlgo's products ends in {@code target.fillByMultiplying(left, right)}, so only layout,
 * views and threads are worth comparing. ojAlgo's thread count is whatever the backend last set.
 */
final class OjAlgoAlternatives {
    private OjAlgoAlternatives() {
    }

    /** The variants that apply to {@code s} (the copies only where something is transposed). */
    static Map<String, Runnable> of(GemmShape s) {
        SplittableRandom g = new SplittableRandom(42);
        int m = s.m();
        int k = s.k();
        int n = s.n();
        Map<String, Runnable> v = new LinkedHashMap<>();
        R032Store sa = s.transA() ? store(m, k, g) : store(k, m, g);
        R032Store sb = s.transB() ? store(k, n, g) : store(n, k, g);
        if (s.transA() || s.transB()) {
            MatrixStore<Double> left = s.transB() ? sb.transpose() : sb;
            MatrixStore<Double> right = s.transA() ? sa.transpose() : sa;
            R032Store ct = R032Store.FACTORY.make(n, m);
            v.put("Cᵀ view", () -> ct.fillByMultiplying(left, right));

            R032Store copyA = R032Store.FACTORY.make(k, m);
            R032Store copyB = R032Store.FACTORY.make(n, k);
            v.put("Cᵀ+copy", () -> {
                MatrixStore<Double> l = sb;
                MatrixStore<Double> r = sa;
                if (s.transA()) {
                    transpose(sa.data, k, m, copyA.data);
                    r = copyA;
                }
                if (s.transB()) {
                    transpose(sb.data, n, k, copyB.data);
                    l = copyB;
                }
                ct.fillByMultiplying(l, r);
            });
        }
        if (s.transA() != s.transB()) {
            MatrixStore<Double> opA = s.transA() ? sa : sa.transpose();
            MatrixStore<Double> opB = s.transB() ? sb : sb.transpose();
            R032Store p = R032Store.FACTORY.make(m, n);
            R032Store ct = R032Store.FACTORY.make(n, m);
            v.put("C+transpose", () -> {
                p.fillByMultiplying(opA, opB);
                transpose(p.data, n, m, ct.data);
            });
        }
        R032Store na = s.transA() ? store(k, m, g) : store(m, k, g);
        R032Store nb = s.transB() ? store(n, k, g) : store(k, n, g);
        MatrixStore<Double> naOp = s.transA() ? na.transpose() : na;
        MatrixStore<Double> nbOp = s.transB() ? nb.transpose() : nb;
        R032Store nc = R032Store.FACTORY.make(m, n);
        v.put("natural", () -> nc.fillByMultiplying(naOp, nbOp));
        if (s.transA() || s.transB()) {
            R032Store copyA = R032Store.FACTORY.make(m, k);
            R032Store copyB = R032Store.FACTORY.make(k, n);
            v.put("natural+copy", () -> {
                MatrixStore<Double> l = na;
                MatrixStore<Double> r = nb;
                if (s.transA()) {
                    transpose(na.data, m, k, copyA.data); // column-major [k,m] holds row-major [m,k]
                    l = copyA;
                }
                if (s.transB()) {
                    transpose(nb.data, k, n, copyB.data);
                    r = copyB;
                }
                nc.fillByMultiplying(l, r);
            });
        }
        return v;
    }

    private static R032Store store(int rows, int cols, SplittableRandom g) {
        R032Store s = R032Store.FACTORY.make(rows, cols);
        for (int i = 0; i < s.data.length; i++) {
            s.data[i] = (float) (g.nextDouble() - 0.5);
        }
        return s;
    }

    /** {@code dst = srcᵀ} for a row-major {@code [rows, cols]} {@code src}, in 32×32 tiles as the backend does. */
    private static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r0 = 0; r0 < rows; r0 += 32) {
            for (int c0 = 0; c0 < cols; c0 += 32) {
                for (int r = r0; r < Math.min(rows, r0 + 32); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + 32); c++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }
}
