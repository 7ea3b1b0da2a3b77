package org.nnfs.tensor;

/**
 * The closed set of element-wise functions a backend maps to its own kernels.
 *
 * <p>Each constant also carries its scalar definition ({@link #apply}) and derivative
 * ({@link #derivative}); they are the specification the conformance suite checks backends against,
 * not the fast path.
 */
public enum UnaryOp {
    /** {@code max(0, x)}; the derivative at 0 is 0. */
    RELU {
        @Override public double apply(double x) { return x > 0 ? x : 0; }
        @Override public double derivative(double x, double y) { return x > 0 ? 1 : 0; }
    },
    /** {@code 1 / (1 + e^-x)}, saturating without overflow at large |x|. */
    SIGMOID {
        @Override public double apply(double x) {
            // Branching on the sign keeps exp() from overflowing for large |x|.
            if (x >= 0) {
                return 1 / (1 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1 + e);
        }
        @Override public double derivative(double x, double y) { return y * (1 - y); }
    },
    /** Hyperbolic tangent. */
    TANH {
        @Override public double apply(double x) { return Math.tanh(x); }
        @Override public double derivative(double x, double y) { return 1 - y * y; }
    },
    /**
     * GELU in its exact form, {@code x·Φ(x)} with {@code Φ} the standard normal distribution function
     * ({@link StandardNormal#cdf}): PyTorch's default, not the tanh approximation. The derivative is
     * {@code Φ(x) + x·φ(x)}, from the input.
     */
    GELU {
        @Override public double apply(double x) { return x * StandardNormal.cdf(x); }
        @Override public double derivative(double x, double y) {
            return StandardNormal.cdf(x) + x * StandardNormal.density(x);
        }
    },
    /** {@code e^x}. */
    EXP {
        @Override public double apply(double x) { return Math.exp(x); }
        @Override public double derivative(double x, double y) { return y; }
    },
    /** Natural logarithm. */
    LOG {
        @Override public double apply(double x) { return Math.log(x); }
        @Override public double derivative(double x, double y) { return 1 / x; }
    },
    /** Square root. */
    SQRT {
        @Override public double apply(double x) { return Math.sqrt(x); }
        @Override public double derivative(double x, double y) { return 0.5 / y; }
    },
    /** {@code x * x}. */
    SQUARE {
        @Override public double apply(double x) { return x * x; }
        @Override public double derivative(double x, double y) { return 2 * x; }
    };

    /** The function's value at {@code x}. */
    public abstract double apply(double x);

    /**
     * The derivative at {@code x}, given also the forward output {@code y = apply(x)}; backward passes
     * use whichever is cheaper (sigmoid and tanh from the output, ReLU and GELU from the input).
     */
    public abstract double derivative(double x, double y);
}
