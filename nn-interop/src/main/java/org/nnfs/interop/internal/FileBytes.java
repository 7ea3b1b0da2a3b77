package org.nnfs.interop.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.nnfs.io.InvalidModelFileException;

/** Reads exact ranges of a file whose size was checked. */
public final class FileBytes {
    private FileBytes() {
    }

    /**
     * The {@code length} bytes at {@code position}, little-endian.
     *
     * @throws InvalidModelFileException when the file ends first (it changed since its size was checked)
     */
    public static ByteBuffer read(FileChannel channel, Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new InvalidModelFileException(file, "file ended early (expected " + length + " bytes at offset "
                        + position + ")");
            }
        }
        return buffer.flip();
    }
}
