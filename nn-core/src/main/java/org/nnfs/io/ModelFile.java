package org.nnfs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Layer;
import org.nnfs.model.DeclaredTensor;
import org.nnfs.model.ModelTensor;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.registry.Registration;
import org.nnfs.registry.Registry;
import org.nnfs.registry.Setting;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.Trainer;

/**
 * Saves and loads models, optionally with their training state, in a versioned, backend-independent
 * binary format (never Java serialization).
 *
 * <p>Layout, all integers little-endian:
 * <pre>
 *   bytes 0-7    magic "NNFSMODL"
 *   bytes 8-11   format version (1)
 *   bytes 12-15  header length H (1 .. 1 MiB)
 *   16 .. 16+H   header, UTF-8 JSON: dtype, input width, layers (type + settings), initializer,
 *                seed, the tensor table (name, rows, cols, in data order), and optionally the
 *                training state (loss, optimizer type, settings and step count, epochs completed,
 *                shuffle seed, history)
 *   then         tensor data: each tensor's values row-major as float32 or float64, model
 *                parameters first, then optimizer state
 *   last 4 bytes CRC-32 of everything before it
 * </pre>
 * See {@code docs/model-format.md}. Readers check the length, magic, version, checksum and that the
 * tensor table and the architecture agree with the file's size before allocating any tensor, so a
 * truncated, corrupted or foreign file gets an {@link InvalidModelFileException}, never an
 * {@link OutOfMemoryError}. Writers write a temporary file in the same folder, force it to disk and
 * rename it over the target, so a crash never leaves a half-written model behind.
 */
public final class ModelFile {
    /** The format version this library writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "NNFSMODL".getBytes(StandardCharsets.US_ASCII);
    private static final int PREAMBLE = 16;
    private static final int TRAILER = 4;
    private static final int MAX_HEADER = 1 << 20;
    private static final int MAX_LAYERS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /** Writes the model's architecture and weights to {@code path}, atomically. */
    public static void save(Sequential model, Path path) throws IOException {
        write(path, model, null);
    }

    /** Writes the trainer's model, optimizer state and progress to {@code path}, atomically, for resuming. */
    public static void save(Trainer trainer, Path path) throws IOException {
        write(path, trainer.model(), trainer);
    }

    /** Reads a model onto {@code backend}; training state in the file, if any, is ignored. */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return read(path, backend, false).model();
    }

    /**
     * Reads a model with its training state onto {@code backend}; {@link Trainer#fit} then continues
     * where the saved run stopped.
     *
     * @throws InvalidModelFileException also when the file holds no training state
     */
    public static Trainer loadTrainer(Path path, Backend backend) throws IOException {
        Trainer trainer = read(path, backend, true);
        if (trainer == null) {
            throw new InvalidModelFileException(path, "holds a model without training state; it was saved with "
                    + "ModelFile.save(Sequential, Path), so training cannot resume from it");
        }
        return trainer;
    }

    // ------------------------------------------------------------------ writing

    private static void write(Path path, Sequential model, Trainer trainer) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ModelTensor t : model.tensors()) {
            tensors.add(t.value());
            names.add(t.name());
        }
        ObjectNode header = JSON.createObjectNode();
        header.put("format", "nnfs-model");
        header.put("version", VERSION);
        header.put("dtype", model.dtype().label());
        header.put("input", model.inputSize());
        header.put("init", Registry.initializers().format(model.initializer()));
        header.put("seed", model.seed());
        ArrayNode layers = header.putArray("layers");
        for (Layer layer : model.layers()) {
            ObjectNode l = layers.addObject();
            l.put("type", layer.type());
            ObjectNode config = l.putObject("config");
            layer.config().forEach(config::put);
        }
        header.put("parameters", model.tensors().size());
        if (trainer != null) {
            Optimizer opt = trainer.optimizer();
            List<Tensor> state = opt.state(model.parameters());
            for (int i = 0; i < state.size(); i++) {
                tensors.add(state.get(i));
                names.add("optimizer." + i);
            }
            ObjectNode training = header.putObject("training");
            training.put("loss", trainer.loss().type());
            training.put("optimizer", opt.type());
            ObjectNode oc = training.putObject("optimizer_config");
            opt.config().forEach(oc::put);
            training.put("optimizer_steps", opt.steps());
            training.put("epochs_completed", trainer.epochsCompleted());
            training.put("seed", trainer.seed());
            ArrayNode history = training.putArray("history");
            for (EpochSummary e : trainer.history().epochs()) {
                ObjectNode h = history.addObject();
                h.put("epoch", e.epoch());
                putNumber(h, "train_loss", e.trainLoss());
                putNumber(h, "train_accuracy", e.trainAccuracy());
                putNumber(h, "validation_loss", e.validationLoss());
                putNumber(h, "validation_accuracy", e.validationAccuracy());
                putNumber(h, "seconds", e.seconds());
                putNumber(h, "samples_per_second", e.samplesPerSecond());
            }
        }
        ArrayNode table = header.putArray("tensors");
        for (int i = 0; i < tensors.size(); i++) {
            ObjectNode t = table.addObject();
            t.put("name", names.get(i));
            t.put("rows", tensors.get(i).rows());
            t.put("cols", tensors.get(i).cols());
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);

        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream raw = Channels.newOutputStream(channel)) {
                ChecksummedWriter out = new ChecksummedWriter(raw);
                ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
                preamble.put(MAGIC).putInt(VERSION).putInt(headerBytes.length);
                out.write(preamble.array());
                out.write(headerBytes);
                for (Tensor t : tensors) {
                    out.writeTensor(t);
                }
                out.finish();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** Streams bytes to the file while computing the trailer's CRC-32. */
    private static final class ChecksummedWriter {
        private final OutputStream out;
        private final CRC32 crc = new CRC32();
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        ChecksummedWriter(OutputStream out) {
            this.out = out;
        }

        void write(byte[] bytes) throws IOException {
            flush();
            crc.update(bytes);
            out.write(bytes);
        }

        void writeTensor(Tensor t) throws IOException {
            if (t.dtype() == DType.FLOAT32) {
                for (float v : t.toFloatArray()) {
                    if (buffer.remaining() < 4) {
                        flush();
                    }
                    buffer.putFloat(v);
                }
            } else {
                for (double v : t.toDoubleArray()) {
                    if (buffer.remaining() < 8) {
                        flush();
                    }
                    buffer.putDouble(v);
                }
            }
            flush();
        }

        void finish() throws IOException {
            flush();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt((int) crc.getValue());
            out.write(trailer.array());
            out.flush();
        }

        private void flush() throws IOException {
            if (buffer.position() > 0) {
                crc.update(buffer.array(), 0, buffer.position());
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }

    // ------------------------------------------------------------------ reading

    private static Trainer read(Path path, Backend backend, boolean withTraining) throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        if (size < PREAMBLE + 2 + TRAILER) {
            throw new InvalidModelFileException(path, "only " + size + " bytes, too short to be a model file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer preamble = readFully(channel, path, 0, PREAMBLE);
            byte[] magic = new byte[MAGIC.length];
            preamble.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidModelFileException(path, "not a model file of this library (it does not start with "
                        + "\"NNFSMODL\")");
            }
            int version = preamble.getInt();
            if (version != VERSION) {
                throw new InvalidModelFileException(path, "format version " + version
                        + " is not supported; this library reads version " + VERSION);
            }
            int headerLength = preamble.getInt();
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - PREAMBLE - TRAILER) {
                throw new InvalidModelFileException(path, "header length " + headerLength
                        + " does not fit a file of " + size + " bytes (the file is truncated or corrupted)");
            }
            verifyChecksum(channel, path, size);
            ByteBuffer headerBytes = readFully(channel, path, PREAMBLE, headerLength);
            JsonNode header;
            try {
                // Decoded strictly as UTF-8 first: given bytes, Jackson guesses UTF-16/32 from the first few and
                // fails with an undocumented CharConversionException on a foreign file.
                header = JSON.readTree(StandardCharsets.UTF_8.newDecoder().decode(headerBytes).toString());
            } catch (CharacterCodingException e) {
                throw new InvalidModelFileException(path, "header is not valid UTF-8 text");
            } catch (JacksonException e) {
                throw new InvalidModelFileException(path, "header is not valid JSON: " + e.getOriginalMessage());
            }
            Header h = new Header(path, header);
            long dataStart = PREAMBLE + (long) headerLength;
            return new Reader(path, channel, h, backend, dataStart, size - TRAILER).read(withTraining);
        }
    }

    private static void verifyChecksum(FileChannel channel, Path path, long size) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        long end = size - TRAILER;
        while (position < end) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new InvalidModelFileException(path, "file ended early while reading");
            }
            position += n;
            buffer.flip();
            crc.update(buffer);
        }
        int stored = readFully(channel, path, end, TRAILER).getInt();
        if (stored != (int) crc.getValue()) {
            throw new InvalidModelFileException(path, "checksum mismatch: the file is corrupted or was truncated");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, Path path, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new InvalidModelFileException(path, "file ended early (expected " + length + " bytes at offset "
                        + position + ")");
            }
        }
        buffer.flip();
        return buffer;
    }

    /** Typed, validated access to the JSON header; every problem names the field. */
    private static final class Header {
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

        ArrayNode array(JsonNode parent, String field, int maxSize) throws InvalidModelFileException {
            JsonNode n = node(parent, field);
            if (!n.isArray() || n.size() > maxSize) {
                throw new InvalidModelFileException(path, "header field '" + field + "' must be an array of at most "
                        + maxSize + " entries");
            }
            return (ArrayNode) n;
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

    /** One table entry: where a tensor's values are and what shape they make. */
    private record Entry(String name, int rows, int cols) {
    }

    private static final class Reader {
        private final Path path;
        private final FileChannel channel;
        private final Header h;
        private final Backend backend;
        private long position;
        private final long dataEnd;

        Reader(Path path, FileChannel channel, Header h, Backend backend, long dataStart, long dataEnd) {
            this.path = path;
            this.channel = channel;
            this.h = h;
            this.backend = backend;
            this.position = dataStart;
            this.dataEnd = dataEnd;
        }

        Trainer read(boolean withTraining) throws IOException {
            JsonNode root = h.root;
            DType dtype;
            try {
                dtype = DType.parse(h.text(root, "dtype"));
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "header field 'dtype': " + e.getMessage());
            }
            int input = (int) h.integer(root, "input", 1, Integer.MAX_VALUE);
            long seed = h.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            Initializer init;
            List<Layer> layers = new ArrayList<>();
            try {
                init = Registry.initializers().parse(h.text(root, "init"));
                for (JsonNode l : h.array(root, "layers", MAX_LAYERS)) {
                    layers.add(Registry.layers().create(h.text(l, "type"), h.strings(l, "config")));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "header describes an invalid model: " + e.getMessage());
            }
            if (layers.isEmpty()) {
                throw new InvalidModelFileException(path, "header field 'layers' is empty");
            }
            int parameterTensors = (int) h.integer(root, "parameters", 0, 2L * MAX_LAYERS);
            List<Entry> table = new ArrayList<>();
            long bytes = 0;
            for (JsonNode t : h.array(root, "tensors", 4 * MAX_LAYERS * 4)) {
                Entry e = new Entry(h.text(t, "name"), (int) h.integer(t, "rows", 1, Integer.MAX_VALUE),
                        (int) h.integer(t, "cols", 1, Integer.MAX_VALUE));
                table.add(e);
                long elements = (long) e.rows() * e.cols();
                if (elements > Integer.MAX_VALUE - 8) {
                    throw new InvalidModelFileException(path, "tensor '" + e.name() + "' [" + e.rows() + ", " + e.cols()
                            + "] has more elements than any tensor can hold");
                }
                bytes += elements * dtype.bytes();
                if (bytes > dataEnd - position) {
                    break; // reported below; stop before the sum can overflow
                }
            }
            if (bytes != dataEnd - position) {
                throw new InvalidModelFileException(path, "tensor table describes " + (bytes > dataEnd - position
                        ? "more than " + (dataEnd - position) : Long.toString(bytes)) + " bytes of data but the file holds "
                        + (dataEnd - position) + " (truncated or corrupted)");
            }
            if (parameterTensors > table.size()) {
                throw new InvalidModelFileException(path, "header claims " + parameterTensors
                        + " parameter tensors but the table lists " + table.size());
            }
            // The architecture must need exactly the values the table holds, before building allocates them.
            Sequential.Builder builder = Sequential.builder(input).dtype(dtype).init(init).seed(seed);
            layers.forEach(builder::add);
            List<DeclaredTensor> declared;
            try {
                declared = builder.declarations();
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "header describes an invalid model: " + e.getMessage());
            }
            long needed = 0;
            long tableValues = 0;
            for (DeclaredTensor d : declared) {
                needed += d.spec().elements();
                if (needed > (dataEnd - position) / dtype.bytes()) {
                    break;
                }
            }
            for (int i = 0; i < parameterTensors; i++) {
                tableValues += (long) table.get(i).rows() * table.get(i).cols();
            }
            if (needed != tableValues) {
                throw new InvalidModelFileException(path, "the layers need " + needed
                        + " parameter values but the file's parameter tensors hold " + tableValues);
            }

            if (declared.size() != parameterTensors) {
                throw new InvalidModelFileException(path, "the layers have " + declared.size()
                        + " parameter tensors but the file lists " + parameterTensors);
            }
            for (int i = 0; i < declared.size(); i++) {
                DeclaredTensor d = declared.get(i);
                Entry e = table.get(i);
                if (!e.name().equals(d.name()) || e.rows() != d.spec().rows() || e.cols() != d.spec().cols()) {
                    throw new InvalidModelFileException(path, "tensor '" + e.name() + "' [" + e.rows() + ", " + e.cols()
                            + "] in the file does not match the model's '" + d.name() + "' " + d.spec().shape());
                }
            }
            Sequential model = builder.build(backend);
            List<ModelTensor> params = model.tensors();
            for (int i = 0; i < params.size(); i++) {
                fill(params.get(i).value(), params.get(i).name(), table.get(i), dtype);
            }
            JsonNode training = root.get("training");
            if (!withTraining || training == null || training.isNull()) {
                if (withTraining) {
                    return null;
                }
                return Trainer.builder(model).build();
            }
            return readTraining(training, model, table.subList(parameterTensors, table.size()), dtype);
        }

        private Trainer readTraining(JsonNode training, Sequential model, List<Entry> stateTable, DType dtype)
                throws IOException {
            Loss loss;
            Optimizer optimizer;
            try {
                loss = Registry.losses().create(h.text(training, "loss"));
                Registration<Optimizer> type = Registry.optimizers().get(h.text(training, "optimizer"));
                Map<String, String> config = h.strings(training, "optimizer_config");
                // Version 1 wrote every optimizer setting as a number, booleans as 1.0 and 0.0.
                config.replaceAll((key, value) -> type.setting(key).filter(st -> st.type() == Setting.Type.BOOLEAN)
                        .isPresent() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")
                        ? Boolean.toString(Double.parseDouble(value) != 0) : value);
                optimizer = Registry.optimizers().create(type.name(), config);
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "invalid training state: " + e.getMessage());
            }
            long seed = h.integer(training, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            optimizer.restoreSteps(h.integer(training, "optimizer_steps", 0, Long.MAX_VALUE));
            int epochs = (int) h.integer(training, "epochs_completed", 0, Integer.MAX_VALUE);
            List<EpochSummary> history = new ArrayList<>();
            for (JsonNode e : h.array(training, "history", 10_000_000)) {
                history.add(new EpochSummary((int) h.integer(e, "epoch", 1, Integer.MAX_VALUE),
                        h.number(e, "train_loss"), h.number(e, "train_accuracy"), h.number(e, "validation_loss"),
                        h.number(e, "validation_accuracy"), h.number(e, "seconds"), h.number(e, "samples_per_second")));
            }
            List<Tensor> state = optimizer.state(model.parameters());
            if (state.size() != stateTable.size()) {
                throw new InvalidModelFileException(path, "optimizer '" + optimizer.type() + "' keeps " + state.size()
                        + " state tensors but the file holds " + stateTable.size());
            }
            for (int i = 0; i < state.size(); i++) {
                fill(state.get(i), "optimizer." + i, stateTable.get(i), dtype);
            }
            Trainer trainer = Trainer.builder(model).optimizer(optimizer).loss(loss).seed(seed).build();
            trainer.restoreProgress(epochs, history);
            return trainer;
        }

        private void fill(Tensor target, String name, Entry entry, DType dtype) throws IOException {
            if (!entry.name().equals(name) || !target.hasShape(entry.rows(), entry.cols())) {
                throw new InvalidModelFileException(path, "tensor '" + entry.name() + "' [" + entry.rows() + ", "
                        + entry.cols() + "] in the file does not match the model's '" + name + "' " + target.shape());
            }
            int count = target.size();
            int width = dtype.bytes();
            int perChunk = (1 << 16) / width;
            float[] floats = dtype == DType.FLOAT32 ? new float[count] : null;
            double[] doubles = dtype == DType.FLOAT64 ? new double[count] : null;
            for (int done = 0; done < count; done += perChunk) {
                int n = Math.min(perChunk, count - done);
                ByteBuffer data = readFully(channel, path, position, n * width);
                position += (long) n * width;
                if (floats != null) {
                    data.asFloatBuffer().get(floats, done, n);
                } else {
                    data.asDoubleBuffer().get(doubles, done, n);
                }
            }
            if (floats != null) {
                backend.copyFrom(floats, target);
            } else {
                backend.copyFrom(doubles, target);
            }
        }
    }
}
