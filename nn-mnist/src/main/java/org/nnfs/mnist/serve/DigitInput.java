package org.nnfs.mnist.serve;

import java.io.IOException;
import java.util.Locale;

import org.nnfs.mnist.image.DigitImages;
import org.nnfs.mnist.image.InvalidImageException;
import org.nnfs.mnist.image.PreparedDigit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The images of a {@code POST /v1/predict} body, as the network's inputs: a PNG or JPEG prepared as
 * {@code nn-mnist predict} prepares files, or JSON {@code {"pixels": [784 values]}} or
 * {@code {"batch": [[784 values], ...]}} with every value a number in [0, 1].
 *
 * @param pixels   {@code rows x 784} values, row-major
 * @param rows     how many images
 * @param batch    whether the body was a batch (the answer is then a list)
 * @param inverted whether the picture was dark on light and was inverted (pictures only)
 */
record DigitInput(float[] pixels, int rows, boolean batch, boolean inverted) {
    static final int INPUTS = PreparedDigit.SIDE * PreparedDigit.SIDE;

    /**
     * Reads a body.
     *
     * @param contentType the request's Content-Type, or null
     * @throws BadRequest naming what is wrong: 415 for a type that is neither an image nor JSON, 400 otherwise
     */
    static DigitInput parse(String contentType, byte[] body, int maxBatch, ObjectMapper json) throws BadRequest {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            throw new BadRequest(400, "empty body: send a PNG or JPEG picture, or JSON {\"pixels\": [784 numbers]}");
        }
        if (type.equals("application/json")) {
            return fromJson(body, maxBatch, json);
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream") || type.isEmpty()) {
            return fromPicture(body);
        }
        throw new BadRequest(415, "Content-Type " + contentType
                + " is not accepted: send image/png, image/jpeg or application/json");
    }

    private static DigitInput fromPicture(byte[] body) throws BadRequest {
        try {
            PreparedDigit digit = DigitImages.prepare(body, "request body");
            return new DigitInput(digit.pixels(), 1, false, digit.inverted());
        } catch (InvalidImageException e) {
            throw new BadRequest(400, e.getMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "request body: cannot be read as an image (" + e.getMessage() + ")");
        }
    }

    private static DigitInput fromJson(byte[] body, int maxBatch, ObjectMapper json) throws BadRequest {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "malformed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest(400, "expected a JSON object {\"pixels\": [...]} or {\"batch\": [[...], ...]}");
        }
        JsonNode single = root.get("pixels");
        JsonNode batch = root.get("batch");
        if ((single == null) == (batch == null)) {
            throw new BadRequest(400, "expected exactly one of the fields \"pixels\" and \"batch\"");
        }
        if (single != null) {
            float[] pixels = new float[INPUTS];
            readRow(single, "pixels", pixels, 0);
            return new DigitInput(pixels, 1, false, false);
        }
        if (!batch.isArray() || batch.isEmpty()) {
            throw new BadRequest(400, "\"batch\" must be a non-empty array of images of " + INPUTS + " numbers");
        }
        if (batch.size() > maxBatch) {
            throw new BadRequest(400, "\"batch\" holds " + batch.size() + " images; at most " + maxBatch + " are accepted");
        }
        float[] pixels = new float[batch.size() * INPUTS];
        for (int i = 0; i < batch.size(); i++) {
            readRow(batch.get(i), "batch[" + i + "]", pixels, i * INPUTS);
        }
        return new DigitInput(pixels, batch.size(), true, false);
    }

    private static void readRow(JsonNode row, String name, float[] into, int offset) throws BadRequest {
        if (!row.isArray() || row.size() != INPUTS) {
            throw new BadRequest(400, "\"" + name + "\" must be an array of " + INPUTS + " numbers (28x28, row by row), not "
                    + (row.isArray() ? row.size() + " values" : "a " + row.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        for (int j = 0; j < INPUTS; j++) {
            JsonNode v = row.get(j);
            double x = v.isNumber() ? v.doubleValue() : Double.NaN;
            if (!v.isNumber() || !(x >= 0 && x <= 1)) {
                throw new BadRequest(400, "\"" + name + "\"[" + j + "] is " + v + "; every pixel must be a number in 0..1"
                        + " (0 black, 1 white)");
            }
            into[offset + j] = (float) x;
        }
    }
}
