package org.nnfs.registry;

import java.util.List;

import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.LeakyRelu;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in activation functions; each is also a layer type of the same name.
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInActivations implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.ACTIVATION, "relu")
                        .description("max(0, x)")
                        .factory(s -> ActivationFunction.relu())
                        .build(),
                Registration.builder(Kind.ACTIVATION, "sigmoid")
                        .description("1 / (1 + e^-x)")
                        .factory(s -> ActivationFunction.sigmoid())
                        .build(),
                Registration.builder(Kind.ACTIVATION, "tanh")
                        .description("hyperbolic tangent")
                        .factory(s -> ActivationFunction.tanh())
                        .build(),
                Registration.builder(Kind.ACTIVATION, LeakyRelu.TYPE)
                        .description("x for x > 0, slope·x below")
                        .setting(Setting.withDefault("slope", Type.REAL, LeakyRelu.DEFAULT_SLOPE,
                                "slope for negative inputs, at least 0"))
                        .factory(s -> new LeakyRelu(s.real("slope")))
                        .build(),
                Registration.builder(Kind.ACTIVATION, "gelu")
                        .description("x·Φ(x), the exact GELU (Φ: the standard normal distribution function)")
                        .factory(s -> ActivationFunction.gelu())
                        .build());
    }
}
