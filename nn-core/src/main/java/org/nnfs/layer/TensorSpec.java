package org.nnfs.layer;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.nnfs.init.Initializer;

/**
 * One tensor a layer declares: its name, shape, whether it is trained, whether L2 weight decay applies,
 * and how its first values are made. A layer declares all its tensors once, in
 * {@link Layer#tensors(int)}; the model allocates exactly these, counts its parameters from them, and
 * its model file lists and checks them, so what is saved is what loads.
 *
 * <pre>{@code
 * List.of(TensorSpec.parameter("weight", in, units).decayed().initializedByModel(),   // drawn, decayed
 *         TensorSpec.parameter("bias", 1, units),                                    // zeros
 *         TensorSpec.buffer("running_var", 1, in).initializedBy(Initializer.ones())) // not trained
 * }</pre>
 *
 * @param name        unique within the layer: a lower-case letter, then letters, digits or {@code _}
 * @param rows        at least 1
 * @param cols        at least 1
 * @param kind        a trained {@link Kind#PARAMETER} or a non-trainable {@link Kind#BUFFER}
 * @param decay       whether optimizers add L2 weight decay to its gradient (parameters only)
 * @param initializer how its first values are drawn; empty: by the model's initializer
 */
public record TensorSpec(String name, int rows, int cols, Kind kind, boolean decay, Optional<Initializer> initializer) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** What a tensor is for. */
    public enum Kind {
        /** Trained: has a gradient in every training pass and is updated by the optimizer. */
        PARAMETER,
        /**
         * Not trained (running statistics, counters): no gradient, never touched by an optimizer; the
         * layer's training runner may update it in a training-mode forward pass. Saved in model files.
         */
        BUFFER
    }

    /** Validates the declaration. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(initializer, "initializer");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tensor name '" + name + "' must be a lower-case letter followed by "
                    + "letters, digits or '_'");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tensor '" + name + "' needs rows >= 1 and cols >= 1, got [" + rows
                    + ", " + cols + "]");
        }
        if (decay && kind == Kind.BUFFER) {
            throw new IllegalArgumentException("buffer '" + name + "' is not trained, so weight decay cannot apply");
        }
    }

    /** A trained tensor of zeros without weight decay (a bias); chain the methods below to change that. */
    public static TensorSpec parameter(String name, int rows, int cols) {
        return new TensorSpec(name, rows, cols, Kind.PARAMETER, false, Optional.of(Initializer.zeros()));
    }

    /** A non-trainable tensor of zeros. */
    public static TensorSpec buffer(String name, int rows, int cols) {
        return new TensorSpec(name, rows, cols, Kind.BUFFER, false, Optional.of(Initializer.zeros()));
    }

    /** This tensor with L2 weight decay (weights; not biases, scales or buffers). */
    public TensorSpec decayed() {
        return new TensorSpec(name, rows, cols, kind, true, initializer);
    }

    /** This tensor with first values drawn by {@code init} (e.g. {@link Initializer#ones()}). */
    public TensorSpec initializedBy(Initializer init) {
        return new TensorSpec(name, rows, cols, kind, decay, Optional.of(Objects.requireNonNull(init, "init")));
    }

    /** This tensor with first values drawn by the model's initializer. */
    public TensorSpec initializedByModel() {
        return new TensorSpec(name, rows, cols, kind, decay, Optional.empty());
    }

    /** Number of values, {@code rows * cols} (a long: a declaration may describe more than a tensor holds). */
    public long elements() {
        return (long) rows * cols;
    }

    /** True for a trained tensor. */
    public boolean isParameter() {
        return kind == Kind.PARAMETER;
    }

    /** The shape as {@code [rows, cols]}. */
    public String shape() {
        return "[" + rows + ", " + cols + "]";
    }
}
