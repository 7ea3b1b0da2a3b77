package org.nnfs.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>{@link #FLOAT32} is the default for training; {@link #FLOAT64} exists so that gradient checks by
 * central differences are meaningful (float32 rounding swamps a finite-difference step).
 */
public enum DType {
    /** IEEE 754 single precision, 4 bytes. */
    FLOAT32("float32", 4),
    /** IEEE 754 double precision, 8 bytes. */
    FLOAT64("float64", 8);

    private final String label;
    private final int bytes;

    DType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The lower-case name used in messages, files and command lines ({@code float32}, {@code float64}). */
    public String label() {
        return label;
    }

    /**
     * Parses {@code float32}/{@code float64} (also {@code f32}, {@code f64}, {@code float}, {@code double}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "float32": case "f32": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default:
                throw new IllegalArgumentException(
                        "Unknown dtype '" + text + "'. Expected one of {float32, float64}.");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
