package org.nnfs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/** Streams bytes to the file while computing the trailer's CRC-32; tensors go out little-endian, row-major. */
final class ChecksummedOutput {
    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    ChecksummedOutput(OutputStream out) {
        this.out = out;
    }

    void write(byte[] bytes) throws IOException {
        flush();
        crc.update(bytes);
        out.write(bytes);
    }

    /**
     * Writes the tensor's values; stops at the first one that is not finite (the file is then abandoned)
     * and returns its index, else returns -1.
     */
    int writeTensor(Tensor t) throws IOException {
        if (t.dtype() == DType.FLOAT32) {
            float[] values = t.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    return i;
                }
                if (buffer.remaining() < 4) {
                    flush();
                }
                buffer.putFloat(values[i]);
            }
        } else {
            double[] values = t.toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    return i;
                }
                if (buffer.remaining() < 8) {
                    flush();
                }
                buffer.putDouble(values[i]);
            }
        }
        flush();
        return -1;
    }

    /** Writes the CRC-32 of everything so far. */
    void finish() throws IOException {
        flush();
        ByteBuffer trailer = ByteBuffer.allocate(Format.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue());
        out.write(trailer.array());
        out.flush();
    }

    private void flush() throws IOException {
        if (buffer.position() > 0) {
            crc.update(buffer.array(), 0, buffer.position());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
