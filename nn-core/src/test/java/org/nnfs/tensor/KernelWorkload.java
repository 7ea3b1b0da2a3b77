package org.nnfs.tensor;

/**
 * Every operation but GEMM, each unary and binary op included, once per {@link #run()} on small tensors
 * allocated up front: the workload of the backends' "no allocation per operation" tests, which time it
 * with HotSpot's per-thread allocation counters.
 */
public final class KernelWorkload implements Runnable {
    private final Backend be;
    private final Tensor a;
    private final Tensor b;
    private final Tensor out;
    private final Tensor row;
    private final Tensor column;
    private final int[] argmax = new int[64];
    private final int[] indices = new int[64];
    // values() copies its array on every call, which would be counted.
    private final UnaryOp[] unary = UnaryOp.values();
    private final BinaryOp[] binary = BinaryOp.values();

    /** Buffers of {@code dtype} on {@code be}: [64, 50] operands, a [1, 50] row and a [64, 1] column. */
    public KernelWorkload(Backend be, DType dtype) {
        this.be = be;
        a = be.zeros(64, 50, dtype);
        b = be.zeros(64, 50, dtype);
        out = be.zeros(64, 50, dtype);
        row = be.zeros(1, 50, dtype);
        column = be.zeros(64, 1, dtype);
        be.fill(2, column);
        be.fill(0.5, a);
        be.fill(0.25, b);
    }

    /** The number of operations one {@link #run()} performs. */
    public int operations() {
        return 2 * unary.length + 3 * binary.length + 10;
    }

    @Override
    public void run() {
        for (UnaryOp op : unary) {
            be.unary(op, a, out);
            be.unaryBackward(op, a, b, out, out);
        }
        for (BinaryOp op : binary) {
            be.binary(op, a, b, out);
            be.binary(op, a, row, out);
            be.binary(op, a, column, out);
        }
        be.softmaxRows(a, out);
        be.argmaxRows(a, argmax);
        be.addRowVector(a, row, out);
        be.sumColumns(a, row);
        be.affine(a, 2, 1, out);
        be.scale(3, a, out);
        be.axpy(0.5, a, out);
        be.fill(1, out);
        be.copy(a, out);
        be.gatherRows(a, indices, 0, out);
    }
}
