package org.nnfs.mnist.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a file's <em>uncompressed</em> content: gzip is recognised by its magic bytes and inflated on
 * the fly, so a mirror's {@code .gz} and a package's raw file hash alike.
 */
public final class ContentDigest {
    /** No MNIST file inflates beyond this; a larger stream is a decompression bomb, not data. */
    public static final long MAX_UNCOMPRESSED_BYTES = IdxReader.MAX_ELEMENTS + 16;

    private ContentDigest() {
    }

    /** True when the file starts with the gzip magic bytes {@code 1f 8b}. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Lower-case hex SHA-256 of the file's content, inflated first if it is gzipped. */
    public static String sha256OfContent(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        boolean gzip = isGzip(file);
        // The IDX reader's own gzip: a file whose content verifies here is one the reader accepts.
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = gzip ? Compression.gunzip(raw) : raw) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_UNCOMPRESSED_BYTES) {
                    throw new IOException(file + ": content exceeds " + MAX_UNCOMPRESSED_BYTES + " bytes");
                }
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
