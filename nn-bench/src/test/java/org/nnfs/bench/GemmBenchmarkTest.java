package org.nnfs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnfs.tensor.Tensor;

/**
 * The GEMM benchmark computes what its shape says: its output equals a plain triple loop over the same
 * operands in double precision, for every shape on every backend. Shapes scale with the batch.
 */
class GemmBenchmarkTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"nd4j", "ojalgo", "vector"})
    void everyShapeComputesTheProductItNames(String backend) {
        for (GemmShape shape : GemmShape.values()) {
            GemmBenchmark bench = new GemmBenchmark();
            bench.backend = backend;
            bench.dtype = "float32";
            bench.shape = shape;
            bench.setUp();
            Tensor c = bench.gemm();

            assertTrue(c.hasShape(shape.m(), shape.n()), shape + ": C is " + c.shape());
            float[] a = Synthetic.uniform(shape.aRows() * shape.aCols(), -1, 1, 1);
            float[] b = Synthetic.uniform(shape.bRows() * shape.bCols(), -1, 1, 2);
            float[] got = c.toFloatArray();
            for (int i = 0; i < shape.m(); i++) {
                for (int j = 0; j < shape.n(); j++) {
                    double sum = 0;
                    for (int p = 0; p < shape.k(); p++) {
                        double x = shape.transA() ? a[p * shape.aCols() + i] : a[i * shape.aCols() + p];
                        double y = shape.transB() ? b[j * shape.bCols() + p] : b[p * shape.bCols() + j];
                        sum += x * y;
                    }
                    // float32 accumulation over k terms of magnitude <= 1
                    assertEquals(sum, got[i * shape.n() + j], 1e-5 * shape.k(), shape + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void shapesFollowTheBatch() {
        // dW1 = Xᵀ·dZ1 at batch 64: A is X [64, 784], B is dZ1 [64, 100], C is [784, 100]
        assertEquals(64, GemmShape.DW1.aRows(64));
        assertEquals(784, GemmShape.DW1.aCols(64));
        assertEquals(64, GemmShape.DW1.bRows(64));
        assertEquals(784, GemmShape.DW1.m(64));
        // dH1 = dZ2·W2ᵀ at batch 64: A is dZ2 [64, 200], B is W2 [100, 200], C is [64, 100]
        assertEquals(64, GemmShape.DX2.m(64));
        assertEquals(200, GemmShape.DX2.k(64));
        assertEquals(100, GemmShape.DX2.bRows(64));
        assertEquals(100, GemmShape.DX2.n());
    }
}
