package org.nnfs.interop.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nnfs.interop.internal.Architecture;
import org.nnfs.interop.internal.FileBytes;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Reads a safetensors file this library wrote. The whole format is checked first, as the safetensors
 * library checks it (the header length against the file, every entry's dtype, shape and byte range, the
 * ranges covering the data exactly); then the architecture in the metadata is built without allocating,
 * and its tensors must be exactly the file's, by key, shape and dtype. Only then is the model allocated
 * and its data read, in pieces. Every problem is an {@link InvalidModelFileException} naming the file.
 */
final class SafeTensorsReader {
    /** The longest header read (the safetensors library allows 100 MB; this library's headers are small). */
    static final long MAX_HEADER = 16 << 20;
    /** The most tensors read. */
    static final int MAX_TENSORS = 160_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes per element of every dtype the format defines, so that any valid file's layout can be checked. */
    private static final Map<String, Integer> WIDTHS = Map.ofEntries(Map.entry("F64", 8), Map.entry("F32", 4),
            Map.entry("F16", 2), Map.entry("BF16", 2), Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2),
            Map.entry("I8", 1), Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("U8", 1),
            Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));

    /** One entry of the header. */
    private record Stored(String key, String dtype, long[] shape, long begin, long end) {
    }

    private final Path file;

    private SafeTensorsReader(Path file) {
        this.file = file;
    }

    static Sequential read(Path file, Backend backend) throws IOException {
        return new SafeTensorsReader(file).read(backend);
    }

    private Sequential read(Backend backend) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        if (size < 10) {
            throw invalid("only " + size + " bytes, too short to be a safetensors file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long headerLength = FileBytes.read(channel, file, 0, 8).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw invalid("header length " + Long.toUnsignedString(headerLength) + " does not fit a file of " + size
                        + " bytes (at most " + MAX_HEADER + " are read; the file is truncated, corrupted or not "
                        + "safetensors)");
            }
            JsonNode root = header(FileBytes.read(channel, file, 8, (int) headerLength));
            long dataStart = 8 + headerLength;
            Map<String, Stored> stored = entries(root, size - dataStart);
            Map<String, String> metadata = metadata(root);
            String architecture = metadata.get(SafeTensors.ARCHITECTURE);
            if (architecture == null) {
                throw invalid("holds no '" + SafeTensors.ARCHITECTURE + "' metadata, so it was not written by this "
                        + "library and its architecture is unknown (for a PyTorch model, export ONNX instead)");
            }
            Architecture.Parsed parsed = Architecture.parse(file, "metadata '" + SafeTensors.ARCHITECTURE + "'",
                    architecture);
            List<TorchLayout.Entry> entries;
            try {
                entries = TorchLayout.entries(parsed.layers(), parsed.builder().declarations());
            } catch (IllegalArgumentException e) {
                throw invalid("metadata '" + SafeTensors.ARCHITECTURE + "' describes an invalid model: "
                        + e.getMessage());
            }
            checkTensors(entries, stored, SafeTensors.code(parsed.dtype()));
            Sequential model;
            try {
                model = parsed.builder().build(backend);
            } catch (IllegalArgumentException e) {
                throw invalid("metadata '" + SafeTensors.ARCHITECTURE + "' describes an invalid model: "
                        + e.getMessage());
            }
            List<ModelTensor> tensors = model.tensors();
            for (int i = 0; i < entries.size(); i++) {
                fill(channel, dataStart, stored.get(entries.get(i).key()), entries.get(i), tensors.get(i).value());
            }
            return model;
        }
    }

    private JsonNode header(ByteBuffer bytes) throws InvalidModelFileException {
        JsonNode root;
        try {
            // Decoded strictly first: given bytes, Jackson would guess an encoding from the first few.
            root = JSON.readTree(StandardCharsets.UTF_8.newDecoder().decode(bytes).toString());
        } catch (CharacterCodingException e) {
            throw invalid("header is not valid UTF-8 text (not a safetensors file)");
        } catch (JacksonException e) {
            throw invalid("header is not valid JSON (not a safetensors file): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("header is not a JSON object (not a safetensors file)");
        }
        return root;
    }

    /** Every tensor entry, checked, and checked to cover the {@code dataLength} bytes of data exactly. */
    private Map<String, Stored> entries(JsonNode root, long dataLength) throws InvalidModelFileException {
        Map<String, Stored> entries = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(SafeTensors.METADATA)) {
                continue;
            }
            if (entries.size() == MAX_TENSORS) {
                throw invalid("holds more than " + MAX_TENSORS + " tensors");
            }
            entries.put(field.getKey(), entry(field.getKey(), field.getValue(), dataLength));
        }
        List<Stored> byOffset = new ArrayList<>(entries.values());
        byOffset.sort(Comparator.comparingLong(Stored::begin).thenComparingLong(Stored::end));
        long next = 0;
        for (Stored s : byOffset) {
            if (s.begin() != next) {
                throw invalid("tensor '" + s.key() + "' starts at byte " + s.begin() + " of the data, but the data "
                        + (s.begin() < next ? "before it ends at " : "is only described up to ") + next
                        + " (overlapping or missing ranges)");
            }
            next = s.end();
        }
        if (next != dataLength) {
            throw invalid("the tensors describe " + next + " bytes of data but the file holds " + dataLength
                    + " (truncated or corrupted)");
        }
        return entries;
    }

    private Stored entry(String key, JsonNode e, long dataLength) throws InvalidModelFileException {
        String what = "tensor '" + key + "'";
        if (!e.isObject() || !e.path("dtype").isTextual() || !e.path("shape").isArray()
                || !e.path("data_offsets").isArray() || e.path("data_offsets").size() != 2) {
            throw invalid(what + " must be an object with 'dtype', 'shape' and two 'data_offsets'");
        }
        String dtype = e.get("dtype").asText();
        Integer width = WIDTHS.get(dtype);
        if (width == null) {
            throw invalid(what + " has dtype '" + dtype + "', which is not one of safetensors' " + WIDTHS.keySet());
        }
        long[] shape = new long[e.get("shape").size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = natural(e.get("shape").get(i), what + ": shape");
            elements = shape[i] == 0 || elements == 0 ? 0 : Math.multiplyHigh(elements, shape[i]) != 0
                    || elements * shape[i] > dataLength ? Long.MAX_VALUE : elements * shape[i];
            if (elements == Long.MAX_VALUE) {
                throw invalid(what + " of shape " + Arrays.toString(Arrays.copyOf(shape, i + 1))
                        + "... needs more bytes than the file holds");
            }
        }
        long begin = natural(e.get("data_offsets").get(0), what + ": data_offsets");
        long end = natural(e.get("data_offsets").get(1), what + ": data_offsets");
        if (begin > end || end > dataLength) {
            throw invalid(what + ": data_offsets [" + begin + ", " + end + "] are not a range within the "
                    + dataLength + " bytes of data (truncated or corrupted)");
        }
        if (end - begin != elements * width) {
            throw invalid(what + " of dtype " + dtype + " and shape " + Arrays.toString(shape) + " needs "
                    + elements * width + " bytes but its data_offsets give " + (end - begin));
        }
        return new Stored(key, dtype, shape, begin, end);
    }

    private long natural(JsonNode n, String what) throws InvalidModelFileException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw invalid(what + " must hold non-negative integers, got " + n);
        }
        return n.asLong();
    }

    private Map<String, String> metadata(JsonNode root) throws InvalidModelFileException {
        JsonNode m = root.get(SafeTensors.METADATA);
        Map<String, String> out = new HashMap<>();
        if (m == null) {
            return out;
        }
        if (!m.isObject()) {
            throw invalid("'" + SafeTensors.METADATA + "' must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw invalid("'" + SafeTensors.METADATA + "' entry '" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** Checks that the file holds exactly the model's tensors, by key, shape and dtype. */
    private void checkTensors(List<TorchLayout.Entry> entries, Map<String, Stored> stored, String dtype)
            throws InvalidModelFileException {
        for (TorchLayout.Entry e : entries) {
            Stored s = stored.get(e.key());
            if (s == null) {
                throw invalid("the model's tensor '" + e.key() + "' " + Arrays.toString(e.shape()) + " is missing");
            }
            if (!Arrays.equals(s.shape(), e.shape()) || !s.dtype().equals(dtype)) {
                throw invalid("tensor '" + e.key() + "' is " + s.dtype() + " " + Arrays.toString(s.shape())
                        + " but the model's is " + dtype + " " + Arrays.toString(e.shape()));
            }
        }
        if (stored.size() != entries.size()) {
            for (String key : stored.keySet()) {
                if (entries.stream().noneMatch(e -> e.key().equals(key))) {
                    throw invalid("tensor '" + key + "' belongs to no layer of the model");
                }
            }
        }
    }

    /** Reads a tensor's bytes in pieces into {@code target}, transposing where the layout says so. */
    private void fill(FileChannel channel, long dataStart, Stored s, TorchLayout.Entry e, Tensor target)
            throws IOException {
        int n = Math.toIntExact(e.tensor().spec().elements());
        boolean single = s.dtype().equals("F32");
        int width = single ? 4 : 8;
        float[] floats = single ? new float[n] : null;
        double[] doubles = single ? null : new double[n];
        int perChunk = (1 << 16) / width;
        long position = dataStart + s.begin();
        for (int done = 0; done < n; done += perChunk) {
            int count = Math.min(perChunk, n - done);
            ByteBuffer data = FileBytes.read(channel, file, position, count * width);
            position += (long) count * width;
            if (single) {
                data.asFloatBuffer().get(floats, done, count);
            } else {
                data.asDoubleBuffer().get(doubles, done, count);
            }
        }
        Backend backend = target.backend();
        if (e.transposed()) { // the file holds [out, in]; the model [in, out]
            int rows = e.tensor().spec().rows();
            int cols = e.tensor().spec().cols();
            if (single) {
                float[] t = new float[n];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t[r * cols + c] = floats[c * rows + r];
                    }
                }
                floats = t;
            } else {
                double[] t = new double[n];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t[r * cols + c] = doubles[c * rows + r];
                    }
                }
                doubles = t;
            }
        }
        if (single) {
            backend.copyFrom(floats, target);
        } else {
            backend.copyFrom(doubles, target);
        }
    }

    private InvalidModelFileException invalid(String problem) {
        return new InvalidModelFileException(file, problem);
    }
}
