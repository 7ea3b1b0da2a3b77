package org.nnfs.registry;

import java.util.List;

import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.LayerNorm;
import org.nnfs.layer.Rescale;
import org.nnfs.layer.Softmax;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in layer types: dense, softmax, dropout, batch_norm, layer_norm, rescale (activation
 * layers come from {@link BuiltInActivations}).
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInLayers implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.LAYER, "dense")
                        .description("fully connected layer Z = X·W + b")
                        .setting(Setting.required("units", Type.INTEGER, "number of outputs"))
                        .setting(Setting.optional("init", Type.INITIALIZER,
                                "initializer of the weights (default: the model's)"))
                        .factory(s -> new Dense(s.integer("units"), s.initializer("init").orElse(null)))
                        .build(),
                Registration.builder(Kind.LAYER, "softmax")
                        .description("row-wise softmax: logits to class probabilities")
                        .factory(s -> new Softmax())
                        .build(),
                Registration.builder(Kind.LAYER, "dropout")
                        .description("inverted dropout while training, identity in inference")
                        .setting(Setting.required("rate", Type.REAL, "probability of dropping an element, in [0, 1)"))
                        .factory(s -> new Dropout(s.real("rate")))
                        .build(),
                Registration.builder(Kind.LAYER, BatchNorm.TYPE)
                        .description("batch normalization with a learned scale and shift; running statistics "
                                + "for inference")
                        .setting(Setting.withDefault("momentum", Type.REAL, BatchNorm.DEFAULT_MOMENTUM,
                                "weight of each training batch in the running statistics, in [0, 1]"))
                        .setting(Setting.withDefault("epsilon", Type.REAL, BatchNorm.DEFAULT_EPSILON,
                                "added to the variance, greater than 0"))
                        .factory(s -> new BatchNorm(s.real("momentum"), s.real("epsilon")))
                        .build(),
                Registration.builder(Kind.LAYER, LayerNorm.TYPE)
                        .description("layer normalization of each example, with a learned scale and shift")
                        .setting(Setting.withDefault("epsilon", Type.REAL, BatchNorm.DEFAULT_EPSILON,
                                "added to the variance, greater than 0"))
                        .factory(s -> new LayerNorm(s.real("epsilon")))
                        .build(),
                Registration.builder(Kind.LAYER, Rescale.TYPE)
                        .description("fixed per-feature (x - center) * scale + offset; the input standardiser")
                        .factory(s -> new Rescale())
                        .build());
    }
}
