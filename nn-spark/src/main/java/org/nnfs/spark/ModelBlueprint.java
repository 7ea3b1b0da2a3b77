package org.nnfs.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Layer;
import org.nnfs.model.Sequential;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * A model's architecture without its values: the input width, the element type and every layer's
 * registered type and settings. Executors rebuild the model from it through the registry, as model
 * files do, so no class is ever named in what travels.
 */
final class ModelBlueprint implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int inputSize;
    private final DType dtype;
    private final String[] types;
    private final String[][] settings; // per layer: key, value, key, value, ...

    private ModelBlueprint(int inputSize, DType dtype, String[] types, String[][] settings) {
        this.inputSize = inputSize;
        this.dtype = dtype;
        this.types = types;
        this.settings = settings;
    }

    /**
     * The blueprint of {@code model}.
     *
     * @throws IllegalArgumentException naming a layer whose type is not registered (executors could not rebuild it)
     */
    static ModelBlueprint of(Sequential model) {
        List<Layer> layers = model.layers();
        String[] types = new String[layers.size()];
        String[][] settings = new String[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!Registry.layers().contains(layer.type())) {
                throw new IllegalArgumentException("layer " + i + " (" + layer + ") has the unregistered type '"
                        + layer.type() + "': executors rebuild models by registered names; register it (see "
                        + "CONTRIBUTING.md) and put its jar on the executors' class path");
            }
            types[i] = layer.type();
            Map<String, String> config = layer.config();
            String[] pairs = new String[config.size() * 2];
            int k = 0;
            for (Map.Entry<String, String> e : config.entrySet()) {
                pairs[k++] = e.getKey();
                pairs[k++] = e.getValue();
            }
            settings[i] = pairs;
        }
        return new ModelBlueprint(model.inputSize(), model.dtype(), types, settings);
    }

    /** The model on {@code backend}; its values are zeros (or what layers initialise themselves) until written. */
    Sequential build(Backend backend) {
        Sequential.Builder builder = Sequential.builder(inputSize).dtype(dtype).init(Initializer.zeros());
        for (int i = 0; i < types.length; i++) {
            Map<String, String> config = new LinkedHashMap<>();
            for (int k = 0; k < settings[i].length; k += 2) {
                config.put(settings[i][k], settings[i][k + 1]);
            }
            builder.add(types[i], config);
        }
        return builder.build(backend);
    }

    /** Features per example. */
    int inputSize() {
        return inputSize;
    }
}
