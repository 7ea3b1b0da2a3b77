package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.nnfs.interop.internal.FileBytes;
import org.nnfs.interop.onnx.proto.OnnxProto.StringStringEntryProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.io.InvalidModelFileException;

/**
 * Decodes the constants of an ONNX file: float, double, int32, int64 and bool tensors, stored in
 * {@code raw_data}, in the typed repeated fields, or in an external file next to the model. Every claim
 * (the shape, an external file's offset and length) is checked against the bytes that hold it before
 * anything is allocated for it, and external data is read only from files inside the model's folder.
 */
final class TensorDecoder {
    /** The most elements one constant may hold (the limit of Java arrays). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Path file;
    private final Path folder;

    /** A decoder for constants of the model at {@code file}. */
    TensorDecoder(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.folder = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    Constant decode(TensorProto t) throws IOException {
        String what = "constant '" + t.getName() + "'";
        long[] dims = new long[t.getDimsCount()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw invalid(what + " has a negative dimension " + dims[i]);
            }
            elements = dims[i] == 0 ? 0 : elements;
            if (elements != 0 && dims[i] > MAX_ELEMENTS / elements) {
                throw invalid(what + " of shape " + java.util.Arrays.toString(dims)
                        + " has more elements than any array can hold");
            }
            elements *= dims[i];
        }
        int n = (int) elements;
        int width = width(t.getDataType(), what);
        if (t.hasSegment()) {
            throw invalid(what + " is stored in segments, which this importer does not read");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return new Constant(t.getName(), dims, fromBytes(external(t, (long) n * width, what), n, t.getDataType()));
        }
        if (t.hasRawData()) {
            if (t.getRawData().size() != (long) n * width) {
                throw invalid(what + " of shape " + java.util.Arrays.toString(dims) + " needs " + (long) n * width
                        + " bytes of data but holds " + t.getRawData().size());
            }
            return new Constant(t.getName(), dims, fromBytes(t.getRawData().asReadOnlyByteBuffer(), n,
                    t.getDataType()));
        }
        int held = switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> t.getFloatDataCount();
            case TensorProto.DataType.DOUBLE_VALUE -> t.getDoubleDataCount();
            case TensorProto.DataType.INT64_VALUE -> t.getInt64DataCount();
            default -> t.getInt32DataCount(); // int32 and bool
        };
        if (held != n) {
            throw invalid(what + " of shape " + java.util.Arrays.toString(dims) + " needs " + n + " values but holds "
                    + held);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (t.getDataType()) {
                case TensorProto.DataType.FLOAT_VALUE -> t.getFloatData(i);
                case TensorProto.DataType.DOUBLE_VALUE -> t.getDoubleData(i);
                case TensorProto.DataType.INT64_VALUE -> t.getInt64Data(i);
                default -> t.getInt32Data(i);
            };
        }
        return new Constant(t.getName(), dims, values);
    }

    /** Bytes per element of the types constants may have here. */
    private int width(int type, String what) throws InvalidModelFileException {
        return switch (type) {
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.INT32_VALUE -> 4;
            case TensorProto.DataType.DOUBLE_VALUE, TensorProto.DataType.INT64_VALUE -> 8;
            case TensorProto.DataType.BOOL_VALUE -> 1;
            default -> throw invalid(what + " is of " + OnnxTypes.name(type)
                    + "; constants of float, double, int32, int64 or bool are supported");
        };
    }

    private static double[] fromBytes(ByteBuffer bytes, int n, int type) {
        ByteBuffer b = bytes.order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (type) {
                case TensorProto.DataType.FLOAT_VALUE -> b.getFloat();
                case TensorProto.DataType.DOUBLE_VALUE -> b.getDouble();
                case TensorProto.DataType.INT64_VALUE -> b.getLong();
                case TensorProto.DataType.INT32_VALUE -> b.getInt();
                default -> b.get();
            };
        }
        return values;
    }

    /**
     * The {@code bytes} bytes of an external constant, read from its file after checking that the file lies
     * in the model's folder (no absolute path, no {@code ..}, no link leading out) and holds them.
     */
    private ByteBuffer external(TensorProto t, long bytes, String what) throws IOException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = number(e.getValue(), what, "offset");
                case "length" -> length = number(e.getValue(), what, "length");
                default -> { } // "checksum" and others do not change where the data is
            }
        }
        if (location == null || location.isEmpty()) {
            throw invalid(what + " is stored externally but names no file ('location')");
        }
        Path relative;
        try {
            relative = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw invalid(what + ": external file '" + location + "' is not a valid path");
        }
        if (relative.isAbsolute() || relative.getRoot() != null || relative.normalize().startsWith("..")
                || location.contains("\\")) {
            throw invalid(what + ": external file '" + location + "' is not a path inside the model's folder "
                    + folder + "; only relative paths below it are read");
        }
        Path data = folder.resolve(relative).normalize();
        if (!Files.isRegularFile(data)) {
            throw invalid(what + ": external file '" + location + "' is not a file in " + folder);
        }
        if (!data.toRealPath().startsWith(folder.toRealPath())) {
            throw invalid(what + ": external file '" + location + "' leads out of the model's folder " + folder);
        }
        long size = Files.size(data);
        if (length >= 0 && length != bytes) {
            throw invalid(what + " needs " + bytes + " bytes but its external data claims " + length);
        }
        if (offset > size || bytes > size - offset) {
            throw invalid(what + " needs " + bytes + " bytes at offset " + offset + " of '" + location
                    + "', which holds " + size);
        }
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            return FileBytes.read(channel, file, offset, (int) bytes);
        }
    }

    private long number(String text, String what, String key) throws InvalidModelFileException {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(what + ": external data '" + key + "' must be a non-negative integer, got '" + text + "'");
    }

    private InvalidModelFileException invalid(String problem) {
        return new InvalidModelFileException(file, problem);
    }
}
