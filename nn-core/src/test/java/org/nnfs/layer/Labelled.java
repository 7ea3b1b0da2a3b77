package org.nnfs.layer;

import java.util.Map;

import org.nnfs.tensor.Tensor;

/**
 * A test-only layer that passes its input through and carries a free-text {@code label} setting, so that
 * tests can put any text (long, non-ASCII, quotes, control characters) into a model file's header.
 */
public final class Labelled implements Layer {
    /** The registered type. */
    public static final String TYPE = "test_labelled";

    private final String label;

    /** A pass-through layer named {@code label}. */
    public Labelled(String label) {
        this.label = label;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("label", label);
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new LayerRunner() {
            @Override
            public Tensor forward(Tensor input, Mode mode) {
                return input;
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
                return needInputGradient ? gradOutput : null;
            }
        };
    }

    @Override
    public String toString() {
        return "Labelled(" + label.length() + " characters)";
    }
}
