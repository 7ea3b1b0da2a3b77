package org.nnfs.interop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Floats appended one by one into fixed chunks, so that reading a file of unknown length never holds
 * more than its values plus one chunk (no doubling copies), then copied once into an array.
 */
final class FloatChunks {
    private static final int CHUNK = 1 << 16;
    private final List<float[]> full = new ArrayList<>();
    private float[] current = new float[CHUNK];
    private int used;

    void add(float v) {
        if (used == CHUNK) {
            full.add(current);
            current = new float[CHUNK];
            used = 0;
        }
        current[used++] = v;
    }

    long size() {
        return (long) full.size() * CHUNK + used;
    }

    float[] toArray() {
        float[] out = new float[Math.toIntExact(size())];
        int at = 0;
        for (float[] chunk : full) {
            System.arraycopy(chunk, 0, out, at, CHUNK);
            at += CHUNK;
        }
        System.arraycopy(current, 0, out, at, used);
        return out;
    }
}
