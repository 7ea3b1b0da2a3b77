package org.nnfs.optim;

import java.util.Map;

/** Rebuilds an optimizer from the type and settings a model file recorded. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * A new optimizer of {@code type} ({@code sgd}, {@code momentum}, {@code adam}) with the given
     * settings; missing settings take the usual defaults except {@code lr}, which is required.
     *
     * @throws IllegalArgumentException naming the unknown type or the missing setting
     */
    public static Optimizer create(String type, Map<String, Double> config) {
        Double lr = config.get("lr");
        if (lr == null) {
            throw new IllegalArgumentException("optimizer '" + type + "': setting 'lr' is missing");
        }
        double decay = config.getOrDefault("weight_decay", 0.0);
        switch (type) {
            case "sgd":
                return new Sgd(lr, decay);
            case "momentum":
                return new Momentum(lr, config.getOrDefault("momentum", 0.9),
                        config.getOrDefault("nesterov", 0.0) != 0, decay);
            case "adam":
                return new Adam(lr, config.getOrDefault("beta1", 0.9), config.getOrDefault("beta2", 0.999),
                        config.getOrDefault("epsilon", 1e-8), decay);
            default:
                throw new IllegalArgumentException("Unknown optimizer '" + type + "'. Expected one of {sgd, momentum, adam}.");
        }
    }
}
