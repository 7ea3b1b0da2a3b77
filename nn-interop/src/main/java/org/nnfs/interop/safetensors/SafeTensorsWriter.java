package org.nnfs.interop.safetensors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.interop.internal.Architecture;
import org.nnfs.interop.internal.HostTensor;
import org.nnfs.io.AtomicFile;
import org.nnfs.model.DeclaredTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.DType;

/**
 * Writes a standard safetensors file: an 8-byte little-endian header length, a JSON header (padded with
 * spaces to a multiple of 8 bytes) naming each tensor's dtype, shape and byte range, then the raw
 * little-endian data, in the layout of {@link TorchLayout}, with the architecture in {@code __metadata__}.
 */
final class SafeTensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensorsWriter() {
    }

    static void write(Sequential model, Path path) throws IOException {
        List<DeclaredTensor> declared = model.tensors().stream()
                .map(t -> new DeclaredTensor(t.name(), t.layer(), t.spec())).toList();
        List<TorchLayout.Entry> entries = TorchLayout.entries(model.layers(), declared);
        String dtype = SafeTensors.code(model.dtype());
        ObjectNode header = JSON.createObjectNode();
        ObjectNode metadata = header.putObject(SafeTensors.METADATA);
        metadata.put("format", "pt"); // what Hugging Face's loaders expect of PyTorch weights
        metadata.put(SafeTensors.ARCHITECTURE, Architecture.of(model));
        long offset = 0;
        for (TorchLayout.Entry e : entries) {
            long bytes = e.tensor().spec().elements() * model.dtype().bytes();
            ObjectNode t = header.putObject(e.key());
            t.put("dtype", dtype);
            var shape = t.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] text = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(text, json.length, padded, (byte) ' ');

        List<HostTensor> values = HostTensor.byLayer(model).stream().flatMap(m -> m.values().stream()).toList();
        AtomicFile.write(path, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(text);
            for (int i = 0; i < entries.size(); i++) {
                HostTensor t = values.get(i);
                writeValues(out, entries.get(i).transposed() ? t.transposed() : t.values(), model.dtype());
            }
            out.flush();
        });
    }

    private static void writeValues(OutputStream out, double[] values, DType dtype) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (chunk.remaining() < dtype.bytes()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            if (dtype == DType.FLOAT32) {
                chunk.putFloat((float) v);
            } else {
                chunk.putDouble(v);
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }
}
