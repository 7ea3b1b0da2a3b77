package org.nnfs.interop.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An array read from a NumPy {@code .npy} file (or an entry of a {@code .npz}): its element type, shape
 * and values, in C order. Element types: {@code float32}, {@code float64}, {@code uint8}, {@code int8},
 * {@code int32}, {@code int64} (the last two mostly for labels), either byte order.
 */
public final class NpyArray {
    /** The element types read, as NumPy names them, with their {@code descr} code (without byte order). */
    public enum Type {
        /** {@code <f4}. */
        FLOAT32("f4", 4),
        /** {@code <f8}. */
        FLOAT64("f8", 8),
        /** {@code |u1}. */
        UINT8("u1", 1),
        /** {@code |i1}. */
        INT8("i1", 1),
        /** {@code <i4}. */
        INT32("i4", 4),
        /** {@code <i8}. */
        INT64("i8", 8);

        final String code;
        final int bytes;

        Type(String code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    private final Type type;
    private final long[] shape;
    private final ByteBuffer data;

    NpyArray(Type type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data.asReadOnlyBuffer().order(data.order());
    }

    /** The element type. */
    public Type type() {
        return type;
    }

    /** The shape (a copy); empty for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return data.capacity() / type.bytes;
    }

    /** The element {@code i} (C order) as a double (exact for every type but the largest int64 values). */
    public double get(int i) {
        int at = i * type.bytes;
        return switch (type) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case UINT8 -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case INT32 -> data.getInt(at);
            case INT64 -> data.getLong(at);
        };
    }

    /** Every element as a float, C order (allocates). */
    public float[] toFloats() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    /** Every element as a double, C order (allocates). */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " array " + Arrays.toString(shape);
    }

    /** The type of a NumPy {@code descr} such as {@code <f4}, or null when it is not read. */
    static Type type(String descr) {
        if (descr.length() != 3) {
            return null;
        }
        for (Type t : Type.values()) {
            if (descr.substring(1).equals(t.code)) {
                char order = descr.charAt(0);
                boolean single = t.bytes == 1;
                return order == '<' || order == '>' || (single && order == '|') ? t : null;
            }
        }
        return null;
    }

    /** The byte order a {@code descr} says. */
    static ByteOrder order(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
