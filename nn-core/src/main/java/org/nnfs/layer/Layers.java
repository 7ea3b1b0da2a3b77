package org.nnfs.layer;

import java.util.Map;

import org.nnfs.init.Initializer;

/** Rebuilds a layer from the type and configuration a model file recorded ({@link Layer#type}, {@link Layer#config}). */
public final class Layers {
    private Layers() {
    }

    /**
     * A new, unbound layer.
     *
     * @throws IllegalArgumentException for an unknown type or a missing or malformed setting, naming it
     */
    public static Layer create(String type, Map<String, String> config) {
        switch (type) {
            case "dense": {
                int units = intSetting(type, config, "units");
                String init = config.get("init");
                return new Dense(units, init == null ? null : Initializer.parse(init));
            }
            case "relu": return Activation.relu();
            case "sigmoid": return Activation.sigmoid();
            case "tanh": return Activation.tanh();
            case "softmax": return new Softmax();
            case "dropout": return new Dropout(doubleSetting(type, config, "rate"));
            default:
                throw new IllegalArgumentException("Unknown layer type '" + type
                        + "'. Expected one of {dense, relu, sigmoid, tanh, softmax, dropout}.");
        }
    }

    private static int intSetting(String type, Map<String, String> config, String key) {
        String v = config.get(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Layer '" + type + "': setting '" + key + "' must be an integer, got " + v);
        }
    }

    private static double doubleSetting(String type, Map<String, String> config, String key) {
        String v = config.get(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Layer '" + type + "': setting '" + key + "' must be a number, got " + v);
        }
    }
}
