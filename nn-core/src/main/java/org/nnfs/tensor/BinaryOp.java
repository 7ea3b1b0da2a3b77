package org.nnfs.tensor;

/** The closed set of element-wise binary functions; {@link #apply} is the scalar specification. */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD { @Override public double apply(double a, double b) { return a + b; } },
    /** {@code a - b}. */
    SUB { @Override public double apply(double a, double b) { return a - b; } },
    /** {@code a * b}. */
    MUL { @Override public double apply(double a, double b) { return a * b; } },
    /** {@code a / b}. */
    DIV { @Override public double apply(double a, double b) { return a / b; } },
    /** {@code max(a, b)}. */
    MAX { @Override public double apply(double a, double b) { return Math.max(a, b); } },
    /** {@code min(a, b)}. */
    MIN { @Override public double apply(double a, double b) { return Math.min(a, b); } };

    /** The function's value at {@code (a, b)}. */
    public abstract double apply(double a, double b);
}
