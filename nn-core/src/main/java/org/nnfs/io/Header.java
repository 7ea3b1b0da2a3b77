package org.nnfs.io;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Typed, validated access to the JSON header; every problem names the field. */
final class Header {
    final Path path;
    final JsonNode root;

    Header(Path path, JsonNode root) throws InvalidModelFileException {
        this.path = path;
        if (root == null || !root.isObject()) {
            throw new InvalidModelFileException(path, "header is not a JSON object");
        }
        this.root = root;
        if (!"nnfs-model".equals(root.path("format").asText())) {
            throw new InvalidModelFileException(path, "header field 'format' must be \"nnfs-model\"");
        }
    }

    JsonNode node(JsonNode parent, String field) throws InvalidModelFileException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidModelFileException(path, "header field '" + field + "' is missing");
        }
        return n;
    }

    String text(JsonNode parent, String field) throws InvalidModelFileException {
        JsonNode n = node(parent, field);
        if (!n.isTextual()) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be a string");
        }
        return n.asText();
    }

    long integer(JsonNode parent, String field, long min, long max) throws InvalidModelFileException {
        JsonNode n = node(parent, field);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be an integer in ["
                    + min + ", " + max + "], got " + n);
        }
        return n.asLong();
    }

    /** An optional integer field: empty when absent or null. */
    OptionalInt optionalInteger(JsonNode parent, String field, int min, int max) throws InvalidModelFileException {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? OptionalInt.empty() : OptionalInt.of((int) integer(parent, field, min, max));
    }

    double number(JsonNode parent, String field) throws InvalidModelFileException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be a number, got " + n);
        }
        return n.asDouble();
    }

    boolean flag(JsonNode parent, String field) throws InvalidModelFileException {
        JsonNode n = node(parent, field);
        if (!n.isBoolean()) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    ArrayNode array(JsonNode parent, String field, int maxSize) throws InvalidModelFileException {
        JsonNode n = node(parent, field);
        if (!n.isArray() || n.size() > maxSize) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be an array of at most "
                    + maxSize + " entries");
        }
        return (ArrayNode) n;
    }

    /** An object of plain values as text; empty when {@code optional} and the field is absent. */
    Map<String, String> strings(JsonNode parent, String field, boolean optional) throws InvalidModelFileException {
        JsonNode n = parent.get(field);
        return optional && (n == null || n.isNull()) ? new LinkedHashMap<>() : strings(parent, field);
    }

    Map<String, String> strings(JsonNode parent, String field) throws InvalidModelFileException {
        JsonNode n = node(parent, field);
        if (!n.isObject()) {
            throw new InvalidModelFileException(path, "header field '" + field + "' must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new InvalidModelFileException(path, "setting '" + e.getKey() + "' of '" + field
                        + "' must be a plain value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
