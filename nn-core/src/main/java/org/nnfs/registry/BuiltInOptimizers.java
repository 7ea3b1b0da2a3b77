package org.nnfs.registry;

import java.util.List;

import org.nnfs.optim.Adam;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Sgd;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in optimizers, with the default learning rates the command line uses when
 * {@code --lr} is not given.
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInOptimizers implements RegistryProvider {
    /** The weight-decay setting every optimizer takes. */
    static final Setting WEIGHT_DECAY = Setting.withDefault("weight_decay", Type.REAL, 0.0,
            "L2 weight decay added to the gradients of weights (not biases)");

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.OPTIMIZER, "sgd")
                        .description("stochastic gradient descent, w -= lr·g")
                        .setting(Setting.withDefault("lr", Type.REAL, 0.1, "learning rate"))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Sgd(s.real("lr"), s.real("weight_decay")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, "momentum")
                        .description("SGD with momentum, optionally Nesterov's")
                        .setting(Setting.withDefault("lr", Type.REAL, 0.05, "learning rate"))
                        .setting(Setting.withDefault("momentum", Type.REAL, 0.9, "momentum, in [0, 1)"))
                        .setting(Setting.withDefault("nesterov", Type.BOOLEAN, false, "Nesterov's look-ahead"))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Momentum(s.real("lr"), s.real("momentum"), s.flag("nesterov"),
                                s.real("weight_decay")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, "adam")
                        .description("Adam with bias correction (Kingma and Ba, 2015)")
                        .setting(Setting.withDefault("lr", Type.REAL, 0.001, "learning rate"))
                        .setting(Setting.withDefault("beta1", Type.REAL, 0.9, "decay of the first moment"))
                        .setting(Setting.withDefault("beta2", Type.REAL, 0.999, "decay of the second moment"))
                        .setting(Setting.withDefault("epsilon", Type.REAL, 1e-8,
                                "added to the root of the second moment"))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Adam(s.real("lr"), s.real("beta1"), s.real("beta2"), s.real("epsilon"),
                                s.real("weight_decay")))
                        .build());
    }
}
