package org.nnfs.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.nnfs.interop.onnx.Onnx;
import org.nnfs.interop.safetensors.SafeTensors;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.io.ModelFile;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

/**
 * The kinds of model file this library reads and writes: its own, ONNX and safetensors. {@link #load}
 * reads any of them, telling them apart by their content (the extension only breaks a tie), and each
 * constant writes its kind.
 *
 * <pre>{@code
 * Sequential model = ModelFormat.load(Path.of("downloaded.onnx"), backend);   // nnfs, onnx or safetensors
 * ModelFormat.SAFETENSORS.save(model, Path.of("for-pytorch.safetensors"));
 * }</pre>
 */
public enum ModelFormat {
    /** This library's model file ({@link ModelFile}): architecture, weights, buffers, optionally training state. */
    NNFS(".nnfs"),
    /** An ONNX model ({@link Onnx}): an inference graph for ONNX Runtime and other ONNX consumers. */
    ONNX(".onnx"),
    /** A safetensors file ({@link SafeTensors}): weights as PyTorch's {@code nn.Sequential} keeps them. */
    SAFETENSORS(".safetensors");

    private static final byte[] NNFS_MAGIC = "NNFSMODL".getBytes(StandardCharsets.US_ASCII);
    /** The first byte of an ONNX model as every protobuf writer serialises it: field 1 ({@code ir_version}), a varint. */
    private static final int ONNX_FIRST_BYTE = 0x08;

    private final String extension;

    ModelFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The name used on the command line: {@code nnfs}, {@code onnx}, {@code safetensors}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of the model file at {@code path}, from its first bytes: the magic {@code NNFSMODL}; an
     * 8-byte header length that fits the file followed by {@code '{'} (safetensors); the protobuf tag of
     * ONNX's {@code ir_version}. A file whose content says nothing certain is taken by its extension.
     *
     * @throws InvalidModelFileException when neither content nor extension names a kind
     */
    public static ModelFormat detect(Path path) throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        byte[] start = new byte[9];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(start, 0, start.length);
        }
        if (n >= NNFS_MAGIC.length && Arrays.equals(start, 0, NNFS_MAGIC.length, NNFS_MAGIC, 0, NNFS_MAGIC.length)) {
            return NNFS;
        }
        if (n == 9 && start[8] == '{') {
            long header = ByteBuffer.wrap(start, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (header >= 2 && header <= size - 8) {
                return SAFETENSORS;
            }
        }
        if (n > 0 && start[0] == ONNX_FIRST_BYTE) {
            return ONNX;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ModelFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw new InvalidModelFileException(path, "not a model file this library reads: neither a model file of this "
                + "library (they start with \"NNFSMODL\"), nor an ONNX model, nor a safetensors file");
    }

    /** Reads the model at {@code path}, of whichever kind it is ({@link #detect}), onto {@code backend}. */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return detect(path).read(path, backend);
    }

    /** Reads a model of this kind. */
    public Sequential read(Path path, Backend backend) throws IOException {
        Objects.requireNonNull(backend, "backend");
        return switch (this) {
            case NNFS -> ModelFile.load(path, backend);
            case ONNX -> Onnx.load(path, backend);
            case SAFETENSORS -> SafeTensors.load(path, backend);
        };
    }

    /**
     * Writes {@code model} in this kind to {@code path}, atomically. Training state is not written: save a
     * {@link org.nnfs.train.Checkpoint} with {@link ModelFile} for that.
     *
     * @throws IllegalArgumentException when the model holds a layer this kind cannot express, before writing
     */
    public void save(Sequential model, Path path) throws IOException {
        switch (this) {
            case NNFS -> ModelFile.save(model, path);
            case ONNX -> Onnx.save(model, path);
            case SAFETENSORS -> SafeTensors.save(model, path);
        }
    }

    /**
     * The kind called {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static ModelFormat parse(String name) {
        for (ModelFormat f : values()) {
            if (f.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model format '" + name + "'; expected one of nnfs, onnx, "
                + "safetensors");
    }
}
