package org.nnfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nnfs.init.Initializer;
import org.nnfs.layer.TensorSpec;
import org.nnfs.model.DeclaredTensor;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Checkpoint;

/**
 * Reads format versions 1 and 2. The header's tensor table is checked against the file's length before
 * the checksum is computed, so a file the header does not describe costs no more than its header; the
 * model the header describes is checked against the table, all before any tensor is allocated. Only
 * then is the model built and its data read, in 64 KiB pieces. Every problem is an
 * {@link InvalidModelFileException} naming the file and the field or tensor.
 */
final class ModelFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Header h;
    private final int version;
    private final long dataLength;

    private ModelFileReader(Path path, Header h, int version, long dataLength) {
        this.path = path;
        this.h = h;
        this.version = version;
        this.dataLength = dataLength;
    }

    /** The model of the file at {@code path}, and its training state when {@code withTraining} and present. */
    static Checkpoint read(Path path, Backend backend, boolean withTraining) throws IOException {
        long size = regularFileSize(path);
        if (size < Format.PREAMBLE + 2 + Format.TRAILER) {
            throw new InvalidModelFileException(path, "only " + size + " bytes, too short to be a model file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer preamble = readFully(channel, path, 0, Format.PREAMBLE);
            byte[] magic = new byte[Format.MAGIC.length];
            preamble.get(magic);
            if (!Arrays.equals(magic, Format.MAGIC)) {
                throw new InvalidModelFileException(path, "not a model file of this library (it does not start with "
                        + "\"NNFSMODL\")");
            }
            int version = preamble.getInt();
            if (version != Format.VERSION_1 && version != Format.VERSION_2) {
                throw new InvalidModelFileException(path, "format version " + version
                        + " is not supported; this library reads versions 1 and 2");
            }
            int headerLength = preamble.getInt();
            if (headerLength < 2 || headerLength > size - Format.PREAMBLE - Format.TRAILER) {
                throw new InvalidModelFileException(path, "header length " + headerLength
                        + " does not fit a file of " + size + " bytes (the file is truncated or corrupted)");
            }
            if (headerLength > Format.MAX_HEADER) {
                throw new InvalidModelFileException(path, "header length " + headerLength + " is more than the "
                        + Format.MAX_HEADER + " bytes a reader accepts");
            }
            long dataStart = Format.PREAMBLE + (long) headerLength;
            ModelFileReader reader = new ModelFileReader(path, parse(path, readFully(channel, path, Format.PREAMBLE,
                    headerLength)), version, size - dataStart - Format.TRAILER);
            // The table's shapes first, against the file's length: a file the header does not describe (16 GiB of
            // holes behind a valid header) is refused without being read through. The checksum next, so that a
            // flipped bit is reported as such rather than as whatever it changed; then what the header says.
            Fields fields = reader.fields();
            verifyChecksum(channel, path, size);
            return reader.plan(fields, withTraining).load(channel, dataStart, backend);
        }
    }

    /**
     * Checks a header as a reader of a file holding {@code dataLength} bytes of tensor data does, allocating
     * no tensor: the model it describes, its tensor table against that length and against the layers'
     * declarations, and (when {@code withTraining}) the training state. The writer runs this on every header
     * it is about to write.
     */
    static Plan plan(Path path, int version, ByteBuffer header, long dataLength, boolean withTraining)
            throws InvalidModelFileException {
        ModelFileReader reader = new ModelFileReader(path, parse(path, header), version, dataLength);
        return reader.plan(reader.fields(), withTraining);
    }

    private static Header parse(Path path, ByteBuffer header) throws InvalidModelFileException {
        JsonNode root;
        try {
            // Decoded strictly as UTF-8 first: given bytes, Jackson guesses UTF-16/32 from the first few and
            // fails with an undocumented CharConversionException on a foreign file.
            root = JSON.readTree(StandardCharsets.UTF_8.newDecoder().decode(header).toString());
        } catch (CharacterCodingException e) {
            throw new InvalidModelFileException(path, "header is not valid UTF-8 text");
        } catch (JacksonException e) {
            throw new InvalidModelFileException(path, "header is not valid JSON: " + e.getOriginalMessage());
        }
        return new Header(path, root);
    }

    /** The size of the regular file at {@code path}; anything else there (or nothing) is named as such. */
    private static long regularFileSize(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        if (attributes.isDirectory()) {
            throw new InvalidModelFileException(path, "is a directory, not a model file");
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidModelFileException(path, "is not a regular file (a device, a pipe or a socket), so not a "
                    + "model file");
        }
        return attributes.size();
    }

    /**
     * A model file whose header has been checked: what to build, and where its tensors' values lie. Loading
     * it allocates the model (and training state) and reads the data.
     */
    static final class Plan {
        private final Path path;
        private final DType dtype;
        private final Sequential.Builder builder;
        private final List<TableEntry> table;
        private final int modelEntries;
        private final Optional<TrainingSection.Parsed> training;

        private Plan(Path path, DType dtype, Sequential.Builder builder, List<TableEntry> table, int modelEntries,
                     Optional<TrainingSection.Parsed> training) {
            this.path = path;
            this.dtype = dtype;
            this.builder = builder;
            this.table = table;
            this.modelEntries = modelEntries;
            this.training = training;
        }

        private Checkpoint load(FileChannel channel, long dataStart, Backend backend) throws IOException {
            Sequential model = builder.build(backend);
            long position = dataStart;
            List<ModelTensor> tensors = model.tensors();
            for (int i = 0; i < tensors.size(); i++) {
                position = fill(channel, position, tensors.get(i).value(), backend);
            }
            if (training.isEmpty()) {
                return Checkpoint.of(model);
            }
            List<Tensor> state = new ArrayList<>();
            for (TableEntry e : table.subList(modelEntries, table.size())) {
                Tensor s = backend.zeros(e.rows(), e.cols(), dtype);
                position = fill(channel, position, s, backend);
                state.add(s);
            }
            try {
                return Checkpoint.of(model, training.get().state(state));
            } catch (IllegalArgumentException e) {
                throw new InvalidModelFileException(path, "invalid training state: " + e.getMessage());
            }
        }

        /** Reads {@code target}'s values from {@code position} on; returns the position after them. */
        private long fill(FileChannel channel, long position, Tensor target, Backend backend) throws IOException {
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
            return position;
        }
    }

    /** The header's plain fields. */
    private record Fields(DType dtype, int input, long seed, JsonNode layers) {
    }

    private DType dtype() throws InvalidModelFileException {
        try {
            return DType.parse(h.text(h.root, "dtype"));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, "header field 'dtype': " + e.getMessage());
        }
    }

    /** The header's plain fields, checked, and the shapes of its tensor table against the file's length. */
    private Fields fields() throws InvalidModelFileException {
        JsonNode root = h.root;
        DType dtype = dtype();
        int input = (int) h.integer(root, "input", 1, Integer.MAX_VALUE);
        long seed = h.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        JsonNode layers = h.array(root, "layers", Format.MAX_LAYERS);
        if (layers.isEmpty()) {
            throw new InvalidModelFileException(path, "header field 'layers' is empty");
        }
        checkDataLength(dtype);
        return new Fields(dtype, input, seed, layers);
    }

    /** The model and training state the header describes, checked against each other and the table. */
    private Plan plan(Fields fields, boolean withTraining) throws InvalidModelFileException {
        Sequential.Builder builder;
        List<DeclaredTensor> declared;
        try {
            // Only registered names build anything: a file never makes this library load a class it names.
            Initializer init = Registry.initializers().parse(h.text(h.root, "init"));
            builder = Sequential.builder(fields.input()).dtype(fields.dtype()).init(init).seed(fields.seed());
            for (JsonNode l : fields.layers()) {
                builder.add(Registry.layers().create(h.text(l, "type"), h.strings(l, "config")));
            }
            declared = builder.declarations();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, "header describes an invalid model: " + e.getMessage());
        }
        List<TableEntry> table = table();
        int modelEntries = checkModelTensors(declared, table);
        Optional<TrainingSection.Parsed> training = Optional.empty();
        if (withTraining && h.root.hasNonNull("training")) {
            training = Optional.of(TrainingSection.read(h, version, h.root.get("training"), declared,
                    table.subList(modelEntries, table.size())));
        }
        return new Plan(path, fields.dtype(), builder, table, modelEntries, training);
    }

    /**
     * Checks that the tensor table's shapes, at the header's dtype, describe exactly the file's data; reads
     * only the shapes (and names, for the message), so that little of a corrupted header can stand in the way.
     */
    private void checkDataLength(DType dtype) throws InvalidModelFileException {
        long bytes = 0;
        for (JsonNode t : h.array(h.root, "tensors", Format.MAX_TENSORS)) {
            long rows = h.integer(t, "rows", 1, Integer.MAX_VALUE);
            long cols = h.integer(t, "cols", 1, Integer.MAX_VALUE);
            if (rows * cols > Integer.MAX_VALUE - 8) {
                throw new InvalidModelFileException(path, "tensor '" + h.text(t, "name") + "' [" + rows + ", " + cols
                        + "] has more elements than any tensor can hold");
            }
            bytes += rows * cols * dtype.bytes();
            if (bytes > dataLength) {
                break; // reported below; stop before the sum can overflow
            }
        }
        if (bytes != dataLength) {
            throw new InvalidModelFileException(path, "the header's tensor table describes " + (bytes > dataLength
                    ? "more than " + dataLength : Long.toString(bytes)) + " bytes of data but the file holds "
                    + dataLength + " (truncated, corrupted or with data appended)");
        }
    }

    /**
     * The tensor table, whose shapes {@link #checkDataLength} has checked. Version 1 has no kinds: its first
     * {@code parameters} entries are parameters, the rest optimizer state.
     */
    private List<TableEntry> table() throws InvalidModelFileException {
        int parameters = version == Format.VERSION_1
                ? (int) h.integer(h.root, "parameters", 0, Format.MAX_TENSORS) : -1;
        List<TableEntry> table = new ArrayList<>();
        for (JsonNode t : h.array(h.root, "tensors", Format.MAX_TENSORS)) {
            TableEntry.Kind kind = version == Format.VERSION_1
                    ? (table.size() < parameters ? TableEntry.Kind.PARAMETER : TableEntry.Kind.OPTIMIZER)
                    : kind(h.text(t, "kind"));
            table.add(new TableEntry(h.text(t, "name"), kind, (int) h.integer(t, "rows", 1, Integer.MAX_VALUE),
                    (int) h.integer(t, "cols", 1, Integer.MAX_VALUE)));
        }
        if (parameters > table.size()) {
            throw new InvalidModelFileException(path, "header claims " + parameters
                    + " parameter tensors but the table lists " + table.size());
        }
        return table;
    }

    private TableEntry.Kind kind(String label) throws InvalidModelFileException {
        for (TableEntry.Kind k : TableEntry.Kind.values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new InvalidModelFileException(path, "tensor kind '" + label
                + "' is not one of {parameter, buffer, optimizer}");
    }

    /**
     * Checks that the table starts with exactly the tensors the layers declare (values per kind first,
     * so that a huge declaration is named as such) and returns how many entries they take.
     */
    private int checkModelTensors(List<DeclaredTensor> declared, List<TableEntry> table)
            throws InvalidModelFileException {
        for (TableEntry.Kind kind : new TableEntry.Kind[] {TableEntry.Kind.PARAMETER, TableEntry.Kind.BUFFER}) {
            long held = 0;
            for (TableEntry e : table) {
                held += e.kind() == kind ? e.elements() : 0;
            }
            long needed = 0;
            for (DeclaredTensor d : declared) {
                if (kindOf(d.spec()) == kind) {
                    needed += d.spec().elements();
                    if (needed > held) {
                        break; // reported below; stop before the sum can overflow
                    }
                }
            }
            if (needed != held) {
                throw new InvalidModelFileException(path, "the layers need " + needed + " " + kind.label
                        + " values but the file's " + kind.label + " tensors hold " + held);
            }
        }
        if (declared.size() > table.size()) {
            throw new InvalidModelFileException(path, "the layers declare " + declared.size()
                    + " tensors but the file lists " + table.size());
        }
        for (int i = 0; i < declared.size(); i++) {
            DeclaredTensor d = declared.get(i);
            TableEntry e = table.get(i);
            if (!e.name().equals(d.name()) || e.kind() != kindOf(d.spec()) || e.rows() != d.spec().rows()
                    || e.cols() != d.spec().cols()) {
                throw new InvalidModelFileException(path, "the file's " + e.describe() + " does not match the model's "
                        + kindOf(d.spec()).label + " '" + d.name() + "' " + d.spec().shape());
            }
        }
        for (TableEntry e : table.subList(declared.size(), table.size())) {
            if (e.kind() != TableEntry.Kind.OPTIMIZER && e.kind() != TableEntry.Kind.BEST) {
                throw new InvalidModelFileException(path, "the file's " + e.describe() + " belongs to no layer");
            }
        }
        return declared.size();
    }

    private static TableEntry.Kind kindOf(TensorSpec spec) {
        return spec.isParameter() ? TableEntry.Kind.PARAMETER : TableEntry.Kind.BUFFER;
    }

    private static void verifyChecksum(FileChannel channel, Path path, long size) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        long end = size - Format.TRAILER;
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
        int stored = readFully(channel, path, end, Format.TRAILER).getInt();
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
}
