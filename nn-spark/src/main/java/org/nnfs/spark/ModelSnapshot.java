package org.nnfs.spark;

import java.io.Serializable;

import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

/** A model's architecture and values, to rebuild it on an executor's backend. */
final class ModelSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelBlueprint blueprint;
    private final TensorValues values;

    private ModelSnapshot(ModelBlueprint blueprint, TensorValues values) {
        this.blueprint = blueprint;
        this.values = values;
    }

    /** The architecture and current values of {@code model}. */
    static ModelSnapshot of(Sequential model) {
        return new ModelSnapshot(ModelBlueprint.of(model), TensorValues.of(TensorValues.all(model)));
    }

    /** The model, rebuilt on {@code backend} with these values. */
    Sequential build(Backend backend) {
        Sequential model = blueprint.build(backend);
        values.writeTo(0, TensorValues.all(model));
        return model;
    }
}
