package org.nnfs.train;

import java.util.Objects;
import java.util.Optional;

import org.nnfs.model.Sequential;

/**
 * A model and, when it was saved during training, the state that continues its training: what
 * {@code ModelFile.loadCheckpoint} returns and {@code ModelFile.save(Checkpoint, Path)} writes.
 *
 * <pre>{@code
 * ModelFile.save(trainer.checkpoint(), path);
 * Trainer resumed = Trainer.resume(ModelFile.loadCheckpoint(path, backend));
 * }</pre>
 *
 * @param model    the model
 * @param training its training state, empty for a model saved on its own
 */
public record Checkpoint(Sequential model, Optional<TrainingState> training) {

    /** Validates the parts. */
    public Checkpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
    }

    /** A model without training state. */
    public static Checkpoint of(Sequential model) {
        return new Checkpoint(model, Optional.empty());
    }

    /** A model with the state that continues its training. */
    public static Checkpoint of(Sequential model, TrainingState training) {
        return new Checkpoint(model, Optional.of(training));
    }
}
