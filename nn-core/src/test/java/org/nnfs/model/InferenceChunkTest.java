package org.nnfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How many rows one inference chunk takes: bounded by the widest tensor's elements and by a row count. */
class InferenceChunkTest {
    @Test
    @DisplayName("the widest tensor of a chunk stays within the element budget")
    void elementBudget() {
        assertEquals(Sequential.INFERENCE_CHUNK_ELEMENTS / 784, Sequential.inferenceChunkRows(784));
        assertEquals(2048, Sequential.inferenceChunkRows(4096));
        for (int widest : new int[] {1, 3, 10, 100, 784, 1000, 4096, 65_536, 1 << 20}) {
            long rows = Sequential.inferenceChunkRows(widest);
            assertTrue(rows * widest <= Math.max(widest, Sequential.INFERENCE_CHUNK_ELEMENTS),
                    widest + " wide: " + rows + " rows");
        }
    }

    @Test
    @DisplayName("narrow models are capped in rows, and one row always fits")
    void rowBounds() {
        assertEquals(Sequential.INFERENCE_CHUNK_MAX_ROWS, Sequential.inferenceChunkRows(1));
        assertEquals(Sequential.INFERENCE_CHUNK_MAX_ROWS, Sequential.inferenceChunkRows(10));
        assertEquals(1, Sequential.inferenceChunkRows((int) Sequential.INFERENCE_CHUNK_ELEMENTS));
        assertEquals(1, Sequential.inferenceChunkRows(Integer.MAX_VALUE));
    }
}
