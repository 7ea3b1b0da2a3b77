package org.nnfs.train;

import java.util.Objects;

/**
 * How the trainer bounds gradients before each optimizer step: not at all, by their global L2 norm
 * (as PyTorch's {@code torch.nn.utils.clip_grad_norm_}: when the norm over every parameter's gradient
 * together exceeds {@code threshold}, all are scaled by {@code threshold / (norm + 1e-6)}), or by value
 * (each element clamped to {@code [-threshold, threshold]}, as {@code clip_grad_value_}). The two are
 * alternatives, as in Keras, which refuses both at once.
 *
 * @param mode      which bound
 * @param threshold the largest norm or value, positive and finite (0 for {@link Mode#NONE})
 */
public record GradientClipping(Mode mode, double threshold) {
    /** PyTorch's guard against dividing by a zero norm. */
    static final double NORM_EPSILON = 1e-6;

    /** The kinds of clipping. */
    public enum Mode {
        /** Gradients as computed. */
        NONE("none"),
        /** The global L2 norm over all gradients is bounded. */
        NORM("norm"),
        /** Each element is clamped. */
        VALUE("value");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /** The lower-case name used in model files. */
        public String label() {
            return label;
        }

        /** The mode named {@code label}. */
        public static Mode of(String label) {
            for (Mode m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown gradient clipping '" + label + "'; expected norm or value");
        }
    }

    /** Validates the threshold. */
    public GradientClipping {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.NONE ? threshold != 0 : !(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("gradient clipping " + mode.label + ": the threshold must be "
                    + (mode == Mode.NONE ? "0" : "positive and finite") + ", got " + threshold);
        }
    }

    /** No clipping. */
    public static GradientClipping none() {
        return new GradientClipping(Mode.NONE, 0);
    }

    /** Scales all gradients together so that their global L2 norm is at most {@code maxNorm}. */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(Mode.NORM, maxNorm);
    }

    /** Clamps every gradient element to {@code [-maxValue, maxValue]}. */
    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(Mode.VALUE, maxValue);
    }

    @Override
    public String toString() {
        return mode == Mode.NONE ? "no clipping" : "clip " + mode.label + " " + threshold;
    }
}
