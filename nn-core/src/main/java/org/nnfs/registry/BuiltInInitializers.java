package org.nnfs.registry;

import java.util.List;

import org.nnfs.init.Initializer;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in weight initializers.
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInInitializers implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.INITIALIZER, "normal")
                        .description("normal with mean 0; the original program's, with sigma 0.1")
                        .setting(Setting.withDefault("sigma", Type.REAL, 0.1, "standard deviation"))
                        .factory(s -> Initializer.normal(s.real("sigma")))
                        .build(),
                Registration.builder(Kind.INITIALIZER, "he")
                        .description("normal with sigma sqrt(2 / fan-in), for ReLU layers")
                        .factory(s -> Initializer.he())
                        .build(),
                Registration.builder(Kind.INITIALIZER, "glorot")
                        .alias("xavier")
                        .description("uniform on ±sqrt(6 / (fan-in + fan-out)), for tanh and sigmoid layers")
                        .factory(s -> Initializer.glorot())
                        .build(),
                Registration.builder(Kind.INITIALIZER, "zeros")
                        .description("every value 0")
                        .factory(s -> Initializer.zeros())
                        .build(),
                Registration.builder(Kind.INITIALIZER, "ones")
                        .description("every value 1")
                        .factory(s -> Initializer.ones())
                        .build());
    }
}
