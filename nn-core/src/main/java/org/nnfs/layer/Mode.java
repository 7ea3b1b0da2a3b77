package org.nnfs.layer;

/**
 * Whether a forward pass is part of training or of inference. Layers such as dropout (and batch
 * normalization, whose running statistics are updated only while training) behave differently.
 */
public enum Mode {
    /** A training step: dropout drops, statistics are updated, and a backward pass may follow. */
    TRAINING,
    /** Prediction and evaluation: deterministic, reads the model's tensors only. */
    INFERENCE
}
