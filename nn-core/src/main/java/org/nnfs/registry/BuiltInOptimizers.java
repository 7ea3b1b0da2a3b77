package org.nnfs.registry;

import java.util.List;

import org.nnfs.optim.Adam;
import org.nnfs.optim.AdamW;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Nesterov;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.RmsProp;
import org.nnfs.optim.Sgd;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in optimizers, with the default learning rates the command line uses when
 * {@code --lr} is not given (those that train the MNIST model well in a few epochs).
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInOptimizers implements RegistryProvider {
    /** The weight-decay setting of the optimizers that add it to the gradient. */
    static final Setting WEIGHT_DECAY = Setting.withDefault("weight_decay", Type.REAL, 0.0,
            "L2 weight decay added to the gradients of weights (not biases)");

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.OPTIMIZER, "sgd")
                        .description("stochastic gradient descent, w -= lr·g")
                        .setting(lr(0.1))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Sgd(s.real("lr"), s.real("weight_decay")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, "momentum")
                        .description("SGD with momentum, v = μ·v + g, w -= lr·v")
                        .setting(lr(0.05))
                        .setting(momentum(0.9))
                        .setting(Setting.withDefault("nesterov", Type.BOOLEAN, false,
                                "Nesterov's look-ahead (as the optimizer nesterov)"))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Momentum(s.real("lr"), s.real("momentum"), s.flag("nesterov"),
                                s.real("weight_decay")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, "nesterov")
                        .description("SGD with Nesterov momentum, w -= lr·(g + μ·v)")
                        .setting(lr(0.05))
                        .setting(momentum(0.9))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new Nesterov(s.real("lr"), s.real("momentum"), s.real("weight_decay")))
                        .build(),
                adam("adam", "Adam with bias correction (Kingma and Ba, 2015)", WEIGHT_DECAY)
                        .factory(s -> new Adam(s.real("lr"), s.real("beta1"), s.real("beta2"), s.real("epsilon"),
                                s.real("weight_decay")))
                        .build(),
                adam("adamw", "Adam with decoupled weight decay (Loshchilov and Hutter, 2019)",
                        Setting.withDefault("weight_decay", Type.REAL, 0.01,
                                "decoupled weight decay, w -= lr·λ·w each step (weights, not biases)"))
                        .factory(s -> new AdamW(s.real("lr"), s.real("beta1"), s.real("beta2"), s.real("epsilon"),
                                s.real("weight_decay")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, "rmsprop")
                        .description("RMSprop as PyTorch defines it, w -= lr·g / (sqrt(s) + ε)")
                        .setting(lr(0.001))
                        .setting(Setting.withDefault("alpha", Type.REAL, 0.99, "decay of the mean square"))
                        .setting(Setting.withDefault("epsilon", Type.REAL, 1e-8, "added to the root mean square"))
                        .setting(momentum(0.0))
                        .setting(WEIGHT_DECAY)
                        .factory(s -> new RmsProp(s.real("lr"), s.real("alpha"), s.real("epsilon"),
                                s.real("momentum"), s.real("weight_decay")))
                        .build());
    }

    private static Setting lr(double defaultRate) {
        return Setting.withDefault("lr", Type.REAL, defaultRate, "learning rate");
    }

    private static Setting momentum(double defaultMomentum) {
        return Setting.withDefault("momentum", Type.REAL, defaultMomentum, "momentum μ, in [0, 1)");
    }

    /** Adam's settings, shared by adam and adamw; the caller adds the factory. */
    private static Registration.Builder<Optimizer> adam(String name, String description, Setting weightDecay) {
        return Registration.builder(Kind.OPTIMIZER, name)
                .description(description)
                .setting(lr(0.001))
                .setting(Setting.withDefault("beta1", Type.REAL, 0.9, "decay of the first moment"))
                .setting(Setting.withDefault("beta2", Type.REAL, 0.999, "decay of the second moment"))
                .setting(Setting.withDefault("epsilon", Type.REAL, 1e-8, "added to the root of the second moment"))
                .setting(weightDecay);
    }
}
