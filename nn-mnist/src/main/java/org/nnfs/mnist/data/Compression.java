package org.nnfs.mnist.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Strict gzip for the data readers, and failures described in words. */
final class Compression {
    private Compression() {
    }

    /**
     * The uncompressed content of {@code raw}, a gzip file: several members are read one after the other
     * (as {@code gzip -d} does), but anything after the last member that is not another member is an
     * error ("Unexpected data after a valid .gz stream"), as trailing bytes are in a raw file. The JDK's
     * {@code GZIPInputStream} ignores such bytes.
     *
     * @throws IOException when the gzip header is bad; {@code raw} is then closed
     */
    static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** What went wrong, in words: the message, or for an {@link EOFException} without one, that the data ends early. */
    static String describe(Throwable e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e instanceof EOFException ? "the compressed data ends early" : e.getClass().getSimpleName();
    }
}
