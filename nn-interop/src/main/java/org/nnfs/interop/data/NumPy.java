package org.nnfs.interop.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy's array files: {@code .npy} (one array, format versions 1, 2 and 3) and {@code .npz} (a zip of
 * them, compressed or not, as {@code np.savez} and {@code np.savez_compressed} write), and makes
 * classification examples of a features array and a labels array.
 *
 * <pre>{@code
 * Map<String, NpyArray> mnist = NumPy.readNpz(Path.of("mnist.npz"));      // x_train (60000, 28, 28) uint8, ...
 * LabeledData train = NumPy.classification(mnist.get("x_train"), mnist.get("y_train"));
 * }</pre>
 *
 * <p>Every header field is checked (the magic, the version, the header's length and text, {@code descr},
 * {@code fortran_order}, {@code shape}) and the data the shape needs must be exactly what the file, or the
 * zip entry, holds, before anything is allocated for it. Values are read as they are: scale pixels or fit a
 * {@link org.nnfs.data.Standardizer} yourself.
 */
public final class NumPy {
    /** The longest header read; NumPy itself refuses more than 10,000 bytes unless told otherwise. */
    static final int MAX_HEADER = 1 << 16;
    /** The most bytes of data one array may have here (a Java array's limit). */
    static final long MAX_DATA = Integer.MAX_VALUE - 8;
    /** How many times its compressed size a deflated entry can hold at most (deflate's limit is about 1032). */
    static final long MAX_DEFLATE_RATIO = 1100;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NumPy() {
    }

    /** The array of a {@code .npy} file. */
    public static NpyArray read(Path npy) throws IOException {
        long size = Files.size(npy);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(npy))) {
            return read(in, size, npy, "");
        }
    }

    /** Every array of a {@code .npz} file, by name (the entry's name without {@code .npy}), in archive order. */
    public static Map<String, NpyArray> readNpz(Path npz) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(npz)) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (!e.isDirectory()) {
                    arrays.put(arrayName(e), read(zip, e, npz));
                }
            }
        } catch (ZipException e) {
            throw new InvalidDataFileException(npz, "damaged .npz (zip) archive: " + e.getMessage());
        }
        return arrays;
    }

    /** The array called {@code name} of a {@code .npz} file. */
    public static NpyArray readNpz(Path npz, String name) throws IOException {
        try (ZipFile zip = open(npz)) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                List<String> names = new ArrayList<>();
                for (ZipEntry other : Collections.list(zip.entries())) {
                    names.add(arrayName(other));
                }
                throw new InvalidDataFileException(npz, "has no array '" + name + "'; its arrays are " + names);
            }
            return read(zip, e, npz);
        } catch (ZipException e) {
            throw new InvalidDataFileException(npz, "damaged .npz (zip) archive: " + e.getMessage());
        }
    }

    /**
     * Classification examples: {@code features} of shape {@code (n, ...)} (each example flattened in C order)
     * and {@code labels} of shape {@code (n,)} or {@code (n, 1)} holding class numbers {@code 0..k-1}.
     *
     * @throws IllegalArgumentException naming the array, the shape or the element that does not fit
     */
    public static LabeledData classification(NpyArray features, NpyArray labels) {
        long[] fs = features.shape();
        long[] ls = labels.shape();
        if (fs.length < 2 || fs[0] < 1) {
            throw new IllegalArgumentException("features " + features + " must be (examples, features...) with at "
                    + "least one example");
        }
        if (!(ls.length == 1 || (ls.length == 2 && ls[1] == 1)) || ls[0] != fs[0]) {
            throw new IllegalArgumentException("labels " + labels + " must be (" + fs[0] + ",), one per example of "
                    + features);
        }
        int rows = (int) fs[0];
        int cols = features.size() / rows;
        if (cols < 1) {
            throw new IllegalArgumentException("features " + features + " hold no value per example");
        }
        float[] x = features.toFloats();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("features: example " + i / cols + ", feature " + i % cols + " is "
                        + x[i]);
            }
        }
        int[] y = new int[rows];
        int classes = 0;
        for (int r = 0; r < rows; r++) {
            double v = labels.get(r);
            if (v != Math.rint(v) || v < 0 || v >= LabeledData.MAX_CLASSES) {
                throw new IllegalArgumentException("labels: example " + r + " has label " + v + "; labels are class "
                        + "numbers 0.." + (LabeledData.MAX_CLASSES - 1));
            }
            y[r] = (int) v;
            classes = Math.max(classes, y[r] + 1);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            names.add("x" + c);
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add(Integer.toString(c));
        }
        return new LabeledData(x, rows, cols, y, names, classNames);
    }

    private static ZipFile open(Path npz) throws IOException {
        try {
            return new ZipFile(npz.toFile());
        } catch (ZipException e) {
            throw new InvalidDataFileException(npz, "not a .npz (zip) archive: " + e.getMessage());
        }
    }

    private static String arrayName(ZipEntry e) {
        return e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
    }

    /** One entry of an archive, its claimed size checked against what its compressed bytes can hold. */
    private static NpyArray read(ZipFile zip, ZipEntry e, Path npz) throws IOException {
        String where = "array '" + arrayName(e) + "': ";
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size < 0 || compressed < 0) {
            throw new InvalidDataFileException(npz, where + "the archive does not record its size");
        }
        boolean stored = e.getMethod() == ZipEntry.STORED;
        if (stored ? size != compressed || size > Files.size(npz)
                : size > compressed * MAX_DEFLATE_RATIO + 1024 || compressed > Files.size(npz)) {
            throw new InvalidDataFileException(npz, where + "claims " + size + " bytes from " + compressed
                    + " compressed bytes, more than the archive can hold");
        }
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
            NpyArray array = read(in, size, npz, where);
            if (in.read() >= 0) {
                throw new InvalidDataFileException(npz, where + "holds bytes after its data");
            }
            return array;
        } catch (InvalidDataFileException problem) {
            throw problem;
        } catch (IOException damaged) { // a bad local header, a broken deflate stream
            throw new InvalidDataFileException(npz, where + "cannot be read from the archive: " + damaged.getMessage());
        }
    }

    /** An array of {@code size} bytes in all from {@code in}. */
    private static NpyArray read(InputStream in, long size, Path file, String where) throws IOException {
        byte[] start = in.readNBytes(10);
        if (start.length < 10 || !Arrays.equals(start, 0, 6, MAGIC, 0, 6)) {
            throw new InvalidDataFileException(file, where + "not a NumPy array file (it does not start with "
                    + "\"\\x93NUMPY\")");
        }
        int major = start[6];
        if (major < 1 || major > 3 || start[7] != 0) {
            throw new InvalidDataFileException(file, where + "format version " + major + "." + start[7]
                    + " is not one of 1.0, 2.0, 3.0");
        }
        ByteBuffer b = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int preamble;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xFFFF;
            preamble = 10;
        } else {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) {
                throw new InvalidDataFileException(file, where + "ends inside its preamble");
            }
            headerLength = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).put(start, 8, 2).put(more).getInt(0)
                    & 0xFFFFFFFFL;
            preamble = 12;
        }
        if (headerLength > MAX_HEADER || preamble + headerLength > size) {
            throw new InvalidDataFileException(file, where + "header length " + headerLength + " does not fit "
                    + (headerLength > MAX_HEADER ? "the " + MAX_HEADER + " bytes a header may have" : "the " + size
                    + " bytes of the file"));
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new InvalidDataFileException(file, where + "ends inside its header");
        }
        String text = major == 3 ? utf8(headerBytes, file, where) : new String(headerBytes, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new InvalidDataFileException(file, where + "header does not end with a newline");
        }
        NpyHeader header;
        try {
            header = NpyHeader.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataFileException(file, where + "header " + e.getMessage());
        }
        NpyArray.Type type = NpyArray.type(header.descr());
        if (type == null) {
            throw new InvalidDataFileException(file, where + "'descr' is '" + header.descr() + "'; read are float32, "
                    + "float64, uint8, int8, int32 and int64 ('<f4', '<f8', '|u1', '|i1', '<i4', '<i8', or '>' for "
                    + "big-endian)");
        }
        if (header.fortranOrder()) {
            throw new InvalidDataFileException(file, where + "is in Fortran order; save it in C order "
                    + "(np.ascontiguousarray) first");
        }
        long available = size - preamble - headerLength;
        long bytes = type.bytes;
        for (long d : header.shape()) {
            bytes = d == 0 || bytes == 0 ? 0 : d > available / bytes + 1 ? available + 1 : bytes * d;
        }
        if (bytes != available || bytes > MAX_DATA) {
            throw new InvalidDataFileException(file, where + "shape " + Arrays.toString(header.shape()) + " of "
                    + header.descr() + " needs " + (bytes > available ? "more than " + available : bytes)
                    + " bytes of data but " + (bytes > MAX_DATA ? "an array holds at most " + MAX_DATA
                    : "the file holds " + available));
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new InvalidDataFileException(file, where + "ends after " + data.length + " of its " + bytes
                    + " bytes of data");
        }
        return new NpyArray(type, header.shape(), ByteBuffer.wrap(data).order(NpyArray.order(header.descr())));
    }

    private static String utf8(byte[] bytes, Path file, String where) throws InvalidDataFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidDataFileException(file, where + "header is not UTF-8 text");
        }
    }
}
