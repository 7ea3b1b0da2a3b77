package org.nnfs.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own ways to a float32 product, which the nd4j backend's {@code cblas_sgemm} on row-major storage
 * was chosen against (its {@code Nd4jBackend} explains the choice with these numbers), for
 * {@link GemmThroughput}: run the B/call column too, ND4J's forms leave garbage on the heap.
 * <ul>
 * <li>{@code Nd4j.gemm f}: {@code Nd4j.gemm} with every array in {@code 'f'} order, as it requires of C.</li>
 * <li>{@code Nd4j.gemm Cᵀ}: the backend's row-major buffers, C presented as the column-major
 *     Cᵀ = op(B)ᵀ·op(A)ᵀ through {@code 'f'} views of the same memory.</li>
 * <li>{@code mmul}: {@code INDArray.mmul}, which allocates its result.</li>
 * </ul>
 * OpenBLAS's thread count is whatever the backend last set.
 */
final class Nd4jAlternatives {
    private Nd4jAlternatives() {
    }

    static Map<String, Runnable> of(GemmShape s) {
        Map<String, Runnable> v = new LinkedHashMap<>();
        int m = s.m();
        int n = s.n();
        INDArray af = random(s.aRows(), s.aCols(), 'f', 1);
        INDArray bf = random(s.bRows(), s.bCols(), 'f', 2);
        INDArray cf = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'f');
        v.put("Nd4j.gemm f", () -> Nd4j.gemm(af, bf, cf, s.transA(), s.transB(), 1, 0));

        // Row-major X [rows, cols] is column-major Xᵀ [cols, rows] over the same buffer.
        INDArray ac = random(s.aRows(), s.aCols(), 'c', 1);
        INDArray bc = random(s.bRows(), s.bCols(), 'c', 2);
        INDArray cc = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c');
        INDArray at = Nd4j.create(ac.data(), new long[] {s.aCols(), s.aRows()}, new long[] {1, s.aCols()}, 0, 'f');
        INDArray bt = Nd4j.create(bc.data(), new long[] {s.bCols(), s.bRows()}, new long[] {1, s.bCols()}, 0, 'f');
        INDArray ct = Nd4j.create(cc.data(), new long[] {n, m}, new long[] {1, n}, 0, 'f');
        // Cᵀ = op(B)ᵀ·op(A)ᵀ, and op(X)ᵀ is Xᵀ untransposed or, when X is used transposed, Xᵀ transposed.
        v.put("Nd4j.gemm Cᵀ", () -> Nd4j.gemm(bt, at, ct, s.transB(), s.transA(), 1, 0));

        INDArray opA = s.transA() ? ac.transpose() : ac;
        INDArray opB = s.transB() ? bc.transpose() : bc;
        v.put("mmul", () -> opA.mmul(opB));
        return v;
    }

    private static INDArray random(int rows, int cols, char order, long seed) {
        float[] values = Synthetic.uniform(rows * cols, -1, 1, seed);
        return Nd4j.create(values, new long[] {rows, cols}, order);
    }
}
