package org.nnfs.registry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nnfs.init.Initializer;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.Layer;
import org.nnfs.loss.Loss;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;

/**
 * A kind of component the {@link Registry} names: layers, activations, losses, optimizers,
 * initializers and learning-rate schedules. Each kind knows how to read a component's registered name
 * and settings back, so a component can be written down and rebuilt.
 *
 * @param <T> the components' type
 */
public final class Kind<T> {
    /** Layer types; every {@link #ACTIVATION} is also a layer type of the same name. */
    public static final Kind<Layer> LAYER = new Kind<>("layer", Layer.class, Layer::type, Layer::config);
    /** Element-wise activation functions. */
    public static final Kind<ActivationFunction> ACTIVATION = new Kind<>("activation", ActivationFunction.class,
            ActivationFunction::type, ActivationFunction::config);
    /** Training objectives. */
    public static final Kind<Loss> LOSS = new Kind<>("loss", Loss.class, Loss::type, Loss::config);
    /** Optimizers. */
    public static final Kind<Optimizer> OPTIMIZER = new Kind<>("optimizer", Optimizer.class, Optimizer::type,
            Optimizer::config);
    /** Initial values of tensors. */
    public static final Kind<Initializer> INITIALIZER = new Kind<>("initializer", Initializer.class,
            Initializer::type, Initializer::config);
    /** Learning-rate schedules. */
    public static final Kind<LearningRateSchedule> SCHEDULE = new Kind<>("schedule", LearningRateSchedule.class,
            LearningRateSchedule::type, LearningRateSchedule::config);

    private static final List<Kind<?>> ALL = List.of(LAYER, ACTIVATION, LOSS, OPTIMIZER, INITIALIZER, SCHEDULE);

    private final String name;
    private final Class<T> type;
    private final Function<T, String> typeOf;
    private final Function<T, Map<String, String>> configOf;

    private Kind(String name, Class<T> type, Function<T, String> typeOf, Function<T, Map<String, String>> configOf) {
        this.name = name;
        this.type = type;
        this.typeOf = typeOf;
        this.configOf = configOf;
    }

    /** Every kind. */
    public static List<Kind<?>> all() {
        return ALL;
    }

    /** The kind's name in messages, e.g. {@code optimizer}. */
    public String name() {
        return name;
    }

    /** The components' type. */
    public Class<T> type() {
        return type;
    }

    /** The registered name {@code component} reports. */
    public String typeOf(T component) {
        return typeOf.apply(component);
    }

    /** The settings {@code component} reports, which rebuild it through its registration. */
    public Map<String, String> configOf(T component) {
        return configOf.apply(component);
    }

    @Override
    public String toString() {
        return name;
    }
}
