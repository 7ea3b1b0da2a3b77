package org.nnfs.loss;

import java.util.Objects;

/**
 * The end of a model as a loss sees it: what its last layer makes of the values before it, and how many
 * outputs it gives. A trainer asks its loss to {@linkplain Loss#checkHead check} the model's head when it
 * is built, so that a loss paired with the wrong kind of output (cross-entropy on logits, softmax
 * cross-entropy after a softmax, a binary loss after a softmax) is refused before any training.
 *
 * @param kind    what the last layer computes
 * @param outputs outputs per example
 * @param last    the last layer as its {@code toString()} shows it, e.g. {@code Dense(10)}, for messages
 */
public record Head(Kind kind, int outputs, String last) {

    /** What a model's last layer computes. */
    public enum Kind {
        /** A softmax layer: class probabilities that sum to 1 over the outputs. */
        SOFTMAX,
        /** A sigmoid activation: independent probabilities in (0, 1), one per output. */
        SIGMOID,
        /** Any other layer, e.g. a Dense layer: unbounded values (logits, or a regression's outputs). */
        OTHER
    }

    /**
     * @throws IllegalArgumentException when {@code outputs < 1}
     */
    public Head {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(last, "last");
        if (outputs < 1) {
            throw new IllegalArgumentException("a head has at least 1 output, got " + outputs);
        }
    }

    /**
     * The error a loss throws for a head it cannot train: "the loss {@code loss} takes {@code takes}, but
     * the model ends in {@code last} with {@code n} outputs; {@code fix}".
     */
    public IllegalArgumentException misfit(String loss, String takes, String fix) {
        return new IllegalArgumentException("the loss " + loss + " takes " + takes + ", but the model ends in " + last
                + " with " + outputs + (outputs == 1 ? " output" : " outputs") + "; " + fix);
    }
}
