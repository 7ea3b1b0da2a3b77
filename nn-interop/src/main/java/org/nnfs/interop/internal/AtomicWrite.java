package org.nnfs.interop.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file the way nn-core's model files are written: into a temporary file in the target's folder,
 * forced to disk, then renamed over the target (atomically where the file system allows), so a crash
 * leaves the old file or the new one, never a mixture.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** What writes the file's content. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (buffered by the caller as it needs). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code path}, atomically. */
    public static void write(Path path, Content content) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
