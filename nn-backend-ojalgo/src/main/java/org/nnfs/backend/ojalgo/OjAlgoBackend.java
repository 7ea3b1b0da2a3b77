package org.nnfs.backend.ojalgo;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.array.ArrayBackend;

/**
 * The tensor backend on ojAlgo, pure Java: GEMM through ojAlgo's multiplication kernels
 * ({@link OjAlgoGemm}); everything else is {@link ArrayBackend}'s loops over the arrays the stores wrap
 * ({@link OjAlgoTensor}). Obtain it with {@code Backends.get("ojalgo")}.
 *
 * <p>Stateless apart from its thread count, so it may be shared by threads working on distinct tensors.
 */
final class OjAlgoBackend extends ArrayBackend {
    /** The ojAlgo version this module is built and measured against. */
    static final String OJALGO_VERSION = "57.1.0";

    private final OjAlgoGemm gemm;

    /** @param threads threads one GEMM may use, at least 1 */
    OjAlgoBackend(int threads) {
        super(threads);
        this.gemm = new OjAlgoGemm(threads);
    }

    @Override
    public String name() {
        return OjAlgoBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "ojalgo (ojAlgo " + OJALGO_VERSION + ", pure Java, " + threads()
                + (threads() == 1 ? " thread)" : " threads)");
    }

    @Override
    protected OjAlgoTensor doAllocate(int rows, int cols, DType dtype) {
        return new OjAlgoTensor(this, rows, cols, dtype);
    }

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        gemm.gemm(transA, transB, alpha, (OjAlgoTensor) a, (OjAlgoTensor) b, beta, (OjAlgoTensor) c);
    }
}
