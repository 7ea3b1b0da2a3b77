package org.nnfs.registry;

import java.util.List;

import org.nnfs.init.Initializer;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.Softmax;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.loss.SoftmaxCrossEntropy;
import org.nnfs.optim.Adam;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Sgd;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's own components, registered through {@link java.util.ServiceLoader} like anyone else's
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 *
 * <p>Optimizers' default learning rates are the ones that train the MNIST example well, which the
 * command line uses when {@code --lr} is not given.
 */
public final class BuiltIns implements RegistryProvider {
    private static final Setting WEIGHT_DECAY = Setting.withDefault("weight_decay", Type.REAL, 0.0,
            "L2 weight decay added to the gradients of weights (not biases)");

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

                Registration.builder(Kind.LOSS, "cross_entropy")
                        .description("categorical cross-entropy on probabilities, fused with a final softmax")
                        .factory(s -> new CrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "softmax_cross_entropy")
                        .description("softmax and cross-entropy in one, on logits")
                        .factory(s -> new SoftmaxCrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "mse")
                        .alias("mean_squared_error")
                        .description("mean squared error over all outputs")
                        .factory(s -> new MeanSquaredError())
                        .build(),

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
                        .build(),

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
                        .build(),

                Registration.builder(Kind.SCHEDULE, "constant")
                        .description("the optimizer's learning rate at every step")
                        .factory(s -> LearningRateSchedule.constant())
                        .build());
    }
}
