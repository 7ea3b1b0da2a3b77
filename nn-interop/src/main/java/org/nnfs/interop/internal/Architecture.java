package org.nnfs.interop.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.io.InvalidModelFileException;
import org.nnfs.layer.Layer;
import org.nnfs.model.Sequential;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.DType;

/**
 * A model's architecture as JSON text, in the words of this library's model file header: {@code dtype},
 * {@code input}, {@code init}, {@code seed} and {@code layers} (each a registered {@code type} and its
 * {@code config} as strings). Other formats carry it where they keep text (safetensors' metadata).
 * Reading builds components by registered name only.
 */
public final class Architecture {
    /** The most layers read. */
    public static final int MAX_LAYERS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Architecture() {
    }

    /** The architecture of {@code model} as compact JSON. */
    public static String of(Sequential model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dtype", model.dtype().label());
        root.put("input", model.inputSize());
        root.put("init", Registry.initializers().format(model.initializer()));
        root.put("seed", model.seed());
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : model.layers()) {
            ObjectNode l = layers.addObject();
            l.put("type", layer.type());
            layer.config().forEach(l.putObject("config")::put);
        }
        return root.toString();
    }

    /**
     * What a text describes: the layers, and a builder holding them and the model's settings.
     *
     * @param builder the model, not yet allocated
     * @param layers  its layers, in order
     * @param dtype   its element type
     */
    public record Parsed(Sequential.Builder builder, List<Layer> layers, DType dtype) {
    }

    /**
     * The model {@code json} describes (nothing allocated yet).
     *
     * @param where how to name the text in messages, e.g. "metadata 'nnfs.model'"
     */
    public static Parsed parse(Path file, String where, String json) throws InvalidModelFileException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidModelFileException(file, where + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelFileException(file, where + " is not a JSON object");
        }
        Fields f = new Fields(file, where);
        try {
            DType dtype = DType.parse(f.text(root, "dtype"));
            long input = f.integer(root, "input", 1, Integer.MAX_VALUE);
            Sequential.Builder builder = Sequential.builder((int) input).dtype(dtype)
                    .init(Registry.initializers().parse(root.has("init") ? f.text(root, "init") : "he"))
                    .seed(root.has("seed") ? f.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1);
            JsonNode layers = root.get("layers");
            if (layers == null || !layers.isArray() || layers.isEmpty() || layers.size() > MAX_LAYERS) {
                throw new InvalidModelFileException(file, where + ": 'layers' must be an array of 1 to " + MAX_LAYERS
                        + " layers");
            }
            List<Layer> list = new ArrayList<>();
            for (JsonNode l : layers) {
                list.add(Registry.layers().create(f.text(l, "type"), f.config(l)));
                builder.add(list.get(list.size() - 1));
            }
            return new Parsed(builder, List.copyOf(list), dtype);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(file, where + " describes an invalid model: " + e.getMessage());
        }
    }

    /** Typed access to fields, naming the field in every problem. */
    private record Fields(Path file, String where) {
        String text(JsonNode parent, String field) throws InvalidModelFileException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isTextual()) {
                throw new InvalidModelFileException(file, where + ": field '" + field + "' must be a string");
            }
            return n.asText();
        }

        long integer(JsonNode parent, String field, long min, long max) throws InvalidModelFileException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                throw new InvalidModelFileException(file, where + ": field '" + field + "' must be an integer in ["
                        + min + ", " + max + "]");
            }
            return n.asLong();
        }

        Map<String, String> config(JsonNode layer) throws InvalidModelFileException {
            JsonNode n = layer.get("config");
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw new InvalidModelFileException(file, where + ": a layer's 'config' must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw new InvalidModelFileException(file, where + ": setting '" + e.getKey()
                            + "' must be a plain value");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
    }
}
