package org.nnfs.internal;

import org.nnfs.loss.Head;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * How a model's output rows become classes. With two or more outputs, the largest one is the class.
 * With one output, the class is 1 when the probability of class 1 is above a threshold: the output
 * itself after a sigmoid, otherwise the output is taken as a logit and compared with the threshold's
 * logit, {@code log(t / (1 - t))}, which is the same decision without computing the sigmoid.
 *
 * <p>Buffers grow to the largest row count seen and are reused, so a call allocates nothing after the
 * first of its size. For one thread.
 */
public final class ClassDecision {
    private final Backend backend;
    private final boolean binary;
    private final double cut;
    private double[] values = new double[0];
    private int[] largest = new int[0];

    /**
     * @param threshold for a one-output model, the probability of class 1 above which a row is class 1,
     *                  in {@code (0, 1)}; ignored otherwise
     * @throws IllegalArgumentException when the threshold is outside {@code (0, 1)}
     */
    public ClassDecision(Backend backend, Head head, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        this.backend = backend;
        this.binary = head.outputs() == 1;
        this.cut = head.kind() == Head.Kind.SIGMOID ? threshold : Math.log(threshold / (1 - threshold));
    }

    /** The threshold on the model's output itself: the probability threshold, or its logit. */
    public double cut() {
        return cut;
    }

    /** Writes the class of every row of {@code out} into {@code dst[offset ...]}. */
    public void classes(Tensor out, int[] dst, int offset) {
        int rows = out.rows();
        if (binary) {
            double[] v = values(out);
            for (int r = 0; r < rows; r++) {
                dst[offset + r] = v[r] > cut ? 1 : 0;
            }
        } else if (offset == 0) {
            backend.argmaxRows(out, dst);
        } else {
            if (largest.length < rows) {
                largest = new int[rows];
            }
            backend.argmaxRows(out, largest);
            System.arraycopy(largest, 0, dst, offset, rows);
        }
    }

    private double[] values(Tensor out) {
        if (values.length < out.size()) {
            values = new double[out.size()];
        }
        backend.copyTo(out, values);
        return values;
    }
}
