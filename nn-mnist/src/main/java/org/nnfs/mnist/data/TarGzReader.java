package org.nnfs.mnist.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of a reader for a gzipped tar archive (an npm package) to copy one member out: ustar
 * headers with their name prefix, pax {@code path}/{@code size} records and GNU long names. Nothing is
 * written to disk except the member asked for, so hostile member names cannot escape anywhere.
 */
public final class TarGzReader {
    private static final int BLOCK = 512;

    private TarGzReader() {
    }

    /**
     * Copies the first regular member whose path ends with {@code "/" + name} (or equals {@code name}) to
     * {@code target}, at most {@code maxBytes} of it.
     *
     * @throws IOException if there is no such member, the archive is corrupt, or the member is too large
     */
    public static void extract(Path archive, String name, Path target, long maxBytes) throws IOException {
        List<String> seen = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            long paxSize = -1;
            while (true) {
                if (!readBlock(in, header)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String path = longName != null ? longName : headerName(header);
                long size = paxSize >= 0 ? paxSize : octal(header, 124, 12, archive);
                longName = null;
                paxSize = -1;
                char type = (char) header[156];
                if (type == 'x' || type == 'L') {
                    byte[] data = readSmall(in, size, archive);
                    String text = new String(data, StandardCharsets.UTF_8);
                    if (type == 'L') {
                        longName = text.replace("\0", "");
                    } else {
                        longName = paxValue(text, "path");
                        String s = paxValue(text, "size");
                        paxSize = s == null ? -1 : Long.parseLong(s.trim());
                    }
                    continue;
                }
                boolean regular = type == '0' || type == '\0';
                if (regular && (path.equals(name) || path.endsWith("/" + name))) {
                    if (size > maxBytes) {
                        throw new IOException(archive + ": member " + path + " is " + size + " bytes, more than " + maxBytes);
                    }
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, archive);
                    }
                    return;
                }
                seen.add(path);
                skip(in, padded(size), archive);
            }
        }
        throw new IOException(archive + " has no member named " + name + " (members: " + seen + ")");
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = cString(h, 257, 6).startsWith("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxValue(String records, String key) {
        // Records are "<length> <key>=<value>\n".
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith(key + "=", space + 1)) {
                return line.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int offset, int length, Path archive) throws IOException {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            int c = b[i];
            if (c == 0 || c == ' ') {
                continue; // fields are padded with NULs or spaces on either side
            }
            if (c < '0' || c > '7') {
                throw new IOException(archive + ": corrupt tar header (size field)");
            }
            value = value * 8 + (c - '0');
        }
        return value;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int filled = 0;
        while (filled < block.length) {
            int n = in.read(block, filled, block.length - filled);
            if (n < 0) {
                if (filled == 0) {
                    return false;
                }
                throw new EOFException("truncated tar header");
            }
            filled += n;
        }
        return true;
    }

    private static byte[] readSmall(InputStream in, long size, Path archive) throws IOException {
        if (size > 1 << 20) {
            throw new IOException(archive + ": extended tar header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException(archive + ": truncated tar archive");
        }
        skip(in, padded(size) - size, archive);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException(archive + ": truncated tar archive");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(archive + ": truncated tar archive");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }
}
