package org.nnfs.bench;

/**
 * The nine matrix products of the MNIST MLP 784-100-200-10 at batch 512: for each Dense layer with
 * weights {@code W [in, out]}, the forward {@code Z = X·W} and the two backward products
 * {@code dW = Xᵀ·dZ} and {@code dX = dZ·Wᵀ}, which are the three transpose cases of GEMM.
 *
 * <p>A training step runs eight of them: the first layer's {@code dX} is never needed
 * ({@link #inTrainingStep()} is false for {@link #DX1}), but it is the largest backward product, so it is
 * measured too.
 */
public enum GemmShape {
    /** {@code Z1 = X·W1}: (512x784)·(784x100). */
    FWD1(false, false, 512, 784, 100, "Z1 = X·W1", true),
    /** {@code Z2 = H1·W2}: (512x100)·(100x200). */
    FWD2(false, false, 512, 100, 200, "Z2 = H1·W2", true),
    /** {@code Z3 = H2·W3}: (512x200)·(200x10). */
    FWD3(false, false, 512, 200, 10, "Z3 = H2·W3", true),
    /** {@code dW1 = Xᵀ·dZ1}: (784x512)·(512x100). */
    DW1(true, false, 784, 512, 100, "dW1 = Xᵀ·dZ1", true),
    /** {@code dW2 = H1ᵀ·dZ2}: (100x512)·(512x200). */
    DW2(true, false, 100, 512, 200, "dW2 = H1ᵀ·dZ2", true),
    /** {@code dW3 = H2ᵀ·dZ3}: (200x512)·(512x10). */
    DW3(true, false, 200, 512, 10, "dW3 = H2ᵀ·dZ3", true),
    /** {@code dX1 = dZ1·W1ᵀ}: (512x100)·(100x784); not part of a training step. */
    DX1(false, true, 512, 100, 784, "dX = dZ1·W1ᵀ", false),
    /** {@code dH1 = dZ2·W2ᵀ}: (512x200)·(200x100). */
    DX2(false, true, 512, 200, 100, "dH1 = dZ2·W2ᵀ", true),
    /** {@code dH2 = dZ3·W3ᵀ}: (512x10)·(10x200). */
    DX3(false, true, 512, 10, 200, "dH2 = dZ3·W3ᵀ", true);

    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int k;
    private final int n;
    private final String product;
    private final boolean inTrainingStep;

    GemmShape(boolean transA, boolean transB, int m, int k, int n, String product, boolean inTrainingStep) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.k = k;
        this.n = n;
        this.product = product;
        this.inTrainingStep = inTrainingStep;
    }

    /** Whether A is used transposed. */
    public boolean transA() {
        return transA;
    }

    /** Whether B is used transposed. */
    public boolean transB() {
        return transB;
    }

    /** Rows of op(A) and of C. */
    public int m() {
        return m;
    }

    /** The inner dimension. */
    public int k() {
        return k;
    }

    /** Columns of op(B) and of C. */
    public int n() {
        return n;
    }

    /** Rows of A as stored ({@code k} when transposed). */
    public int aRows() {
        return transA ? k : m;
    }

    /** Columns of A as stored. */
    public int aCols() {
        return transA ? m : k;
    }

    /** Rows of B as stored ({@code n} when transposed). */
    public int bRows() {
        return transB ? n : k;
    }

    /** Columns of B as stored. */
    public int bCols() {
        return transB ? k : n;
    }

    /** Floating-point operations of one product, {@code 2·m·n·k} (a multiply and an add per term). */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Whether a training step of the MLP runs this product. */
    public boolean inTrainingStep() {
        return inTrainingStep;
    }

    /** The product in the MLP's terms and its operand shapes, e.g. {@code dW1 = Xᵀ·dZ1 (784x512)·(512x100)}. */
    public String describe() {
        return product + " (" + m + "x" + k + ")·(" + k + "x" + n + ")";
    }
}
