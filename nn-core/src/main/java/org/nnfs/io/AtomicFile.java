package org.nnfs.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;

/**
 * Writes a whole file the way model files are written, for other formats (ONNX, safetensors, ...): into a
 * locked temporary file next to the target, forced to disk, then renamed over it, so a crash or a kill
 * leaves the old file or the new one, never a mixture. Only a regular file, or nothing, is replaced; a
 * symbolic link's target is replaced and the link kept; a replaced file keeps its permissions and a new
 * one gets the umask's; temporary files left by a killed process are removed by the next write. Every
 * failure names the path given.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes a file's whole content. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}; closing {@code out} is allowed and does nothing. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces the file at {@code path} (or creates it, and its directories) with what {@code content}
     * writes.
     *
     * @throws IOException naming {@code path}, when something other than a regular file is there or the
     *                     file cannot be written; the file at {@code path} is then left as it was
     */
    public static void write(Path path, Content content) throws IOException {
        AtomicReplace.replace(path, channel -> {
            // Not closed by the writer: the channel is forced and renamed after the content is written.
            OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            content.writeTo(out);
            out.flush();
        });
    }

    /**
     * Checks, creating nothing, that {@link #write} could write {@code path} now.
     *
     * @throws IOException naming {@code path} and the problem
     */
    public static void checkWritable(Path path) throws IOException {
        AtomicReplace.check(path);
    }
}
