package org.nnfs.tensor.array;

import org.nnfs.tensor.Reference;
import org.nnfs.tensor.Tensor;

/**
 * The smallest {@link ArrayBackend}: GEMM by the {@link Reference} oracle, every other operation the
 * base's own loops. It lets nn-core test its array kernels without a backend module, and it is the recipe
 * for a pure-Java backend: a GEMM, a name and (in a module) a provider.
 */
final class OracleGemmBackend extends ArrayBackend {
    OracleGemmBackend() {
        super(1);
    }

    @Override
    public String name() {
        return "oracle-gemm";
    }

    /** Allocates: a test backend, not a fast one. */
    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        double[] product = Reference.gemm(transA, transB, alpha, a.toDoubleArray(), a.rows(), a.cols(),
                b.toDoubleArray(), b.rows(), b.cols(), beta, c.toDoubleArray());
        copyFrom(product, c);
    }
}
