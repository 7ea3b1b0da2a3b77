package org.nnfs.train;

/**
 * What an epoch does with its last batch when the training set is not a multiple of the batch size
 * (60,000 examples in batches of 512 leave a last batch of 96). Each epoch shuffles anew, so the examples
 * a dropped batch skips differ from epoch to epoch.
 */
public enum PartialBatch {
    /** Skip it: every step sees a full batch, as the original program and PyTorch's {@code drop_last=True} do. */
    DROP("drop"),
    /** Train on it like any other batch: its gradient is the mean over its fewer examples. */
    KEEP("keep"),
    /**
     * Train on it with its gradient scaled by its size over the batch size, so that a batch of 96 moves the
     * weights 96/512 as far as a full batch would: the step it would be as part of a full batch. The
     * library's default ({@code FitOptions}).
     */
    SCALE("scale");

    private final String label;

    PartialBatch(String label) {
        this.label = label;
    }

    /** The lower-case name used in model files and on command lines. */
    public String label() {
        return label;
    }

    /** The constant of {@code label} ({@code drop}, {@code keep}, {@code scale}). */
    public static PartialBatch of(String label) {
        for (PartialBatch p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown partial-batch mode '" + label + "'; expected drop, keep or scale");
    }
}
