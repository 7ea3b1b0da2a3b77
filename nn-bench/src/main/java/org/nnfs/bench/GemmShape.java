package org.nnfs.bench;

/**
 * The nine matrix products of the MNIST MLP 784-100-200-10: for each Dense layer with weights
 * {@code W [in, out]} and a batch of {@code b} rows, the forward {@code Z = X·W} and the two backward
 * products {@code dW = Xᵀ·dZ} and {@code dX = dZ·Wᵀ}, which are the three transpose cases of GEMM.
 * Dimensions without a batch argument are at the benchmarks' batch, {@link #BATCH}.
 *
 * <p>A training step runs eight of them: the first layer's {@code dX} is never needed
 * ({@link #inTrainingStep()} is false for {@link #DX1}), but it is the largest backward product, so it is
 * measured too.
 */
public enum GemmShape {
    /** {@code Z1 = X·W1}: (512x784)·(784x100). */
    FWD1(Kind.FORWARD, 784, 100, "Z1 = X·W1"),
    /** {@code Z2 = H1·W2}: (512x100)·(100x200). */
    FWD2(Kind.FORWARD, 100, 200, "Z2 = H1·W2"),
    /** {@code Z3 = H2·W3}: (512x200)·(200x10). */
    FWD3(Kind.FORWARD, 200, 10, "Z3 = H2·W3"),
    /** {@code dW1 = Xᵀ·dZ1}: (784x512)·(512x100). */
    DW1(Kind.WEIGHT_GRADIENT, 784, 100, "dW1 = Xᵀ·dZ1"),
    /** {@code dW2 = H1ᵀ·dZ2}: (100x512)·(512x200). */
    DW2(Kind.WEIGHT_GRADIENT, 100, 200, "dW2 = H1ᵀ·dZ2"),
    /** {@code dW3 = H2ᵀ·dZ3}: (200x512)·(512x10). */
    DW3(Kind.WEIGHT_GRADIENT, 200, 10, "dW3 = H2ᵀ·dZ3"),
    /** {@code dX = dZ1·W1ᵀ}: (512x100)·(100x784); not part of a training step. */
    DX1(Kind.INPUT_GRADIENT, 784, 100, "dX = dZ1·W1ᵀ"),
    /** {@code dH1 = dZ2·W2ᵀ}: (512x200)·(200x100). */
    DX2(Kind.INPUT_GRADIENT, 100, 200, "dH1 = dZ2·W2ᵀ"),
    /** {@code dH2 = dZ3·W3ᵀ}: (512x10)·(10x200). */
    DX3(Kind.INPUT_GRADIENT, 200, 10, "dH2 = dZ3·W3ᵀ");

    /** The batch size of the MLP benchmarks. */
    public static final int BATCH = 512;

    /** Which of a Dense layer's three products. */
    private enum Kind {
        /** {@code Z = X·W}: [b, in]·[in, out]. */
        FORWARD,
        /** {@code dW = Xᵀ·dZ}: [b, in]ᵀ·[b, out]. */
        WEIGHT_GRADIENT,
        /** {@code dX = dZ·Wᵀ}: [b, out]·[in, out]ᵀ. */
        INPUT_GRADIENT
    }

    private final Kind kind;
    private final int in;
    private final int out;
    private final String product;

    GemmShape(Kind kind, int in, int out, String product) {
        this.kind = kind;
        this.in = in;
        this.out = out;
        this.product = product;
    }

    /** Whether A is used transposed. */
    public boolean transA() {
        return kind == Kind.WEIGHT_GRADIENT;
    }

    /** Whether B is used transposed. */
    public boolean transB() {
        return kind == Kind.INPUT_GRADIENT;
    }

    /** Rows of op(A) and of C at a batch of {@code batch} rows. */
    public int m(int batch) {
        return kind == Kind.WEIGHT_GRADIENT ? in : batch;
    }

    /** The inner dimension at a batch of {@code batch} rows. */
    public int k(int batch) {
        switch (kind) {
            case FORWARD: return in;
            case WEIGHT_GRADIENT: return batch;
            default: return out;
        }
    }

    /** Columns of op(B) and of C. */
    public int n() {
        return kind == Kind.INPUT_GRADIENT ? in : out;
    }

    /** Rows of op(A) and of C at {@link #BATCH}. */
    public int m() {
        return m(BATCH);
    }

    /** The inner dimension at {@link #BATCH}. */
    public int k() {
        return k(BATCH);
    }

    /** Rows of A as stored ({@code k} when transposed). */
    public int aRows(int batch) {
        return transA() ? k(batch) : m(batch);
    }

    /** Columns of A as stored. */
    public int aCols(int batch) {
        return transA() ? m(batch) : k(batch);
    }

    /** Rows of B as stored ({@code n} when transposed). */
    public int bRows(int batch) {
        return transB() ? n() : k(batch);
    }

    /** Columns of B as stored. */
    public int bCols(int batch) {
        return transB() ? k(batch) : n();
    }

    /** Rows of A as stored at {@link #BATCH}. */
    public int aRows() {
        return aRows(BATCH);
    }

    /** Columns of A as stored at {@link #BATCH}. */
    public int aCols() {
        return aCols(BATCH);
    }

    /** Rows of B as stored at {@link #BATCH}. */
    public int bRows() {
        return bRows(BATCH);
    }

    /** Columns of B as stored at {@link #BATCH}. */
    public int bCols() {
        return bCols(BATCH);
    }

    /** Floating-point operations of one product at {@link #BATCH}, {@code 2·m·n·k} (a multiply and an add per term). */
    public double flops() {
        return 2.0 * m() * n() * k();
    }

    /** Whether a training step of the MLP runs this product (all but the first layer's input gradient). */
    public boolean inTrainingStep() {
        return this != DX1;
    }

    /** The product in the MLP's terms and its operand shapes, e.g. {@code dW1 = Xᵀ·dZ1 (784x512)·(512x100)}. */
    public String describe() {
        return product + " (" + m() + "x" + k() + ")·(" + k() + "x" + n() + ")";
    }
}
