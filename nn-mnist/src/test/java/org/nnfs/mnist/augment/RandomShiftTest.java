package org.nnfs.mnist.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RandomShiftTest {
    private static final int SIDE = 5;

    /** Image {@code k}: pixel (x, y) = 100·k + 10·y + x + 1, so every pixel says where it came from. */
    private static float[] images(int count) {
        float[] f = new float[count * SIDE * SIDE];
        for (int k = 0; k < count; k++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    f[k * SIDE * SIDE + y * SIDE + x] = 100 * k + 10 * y + x + 1;
                }
            }
        }
        return f;
    }

    @Test
    @DisplayName("each image moves by the offsets drawn for it, with zeros where nothing moved in")
    void shiftsByTheDrawnOffsetsWithZeroFill() {
        int count = 40;
        float[] batch = images(count);
        float[] original = batch.clone();
        new RandomShift(SIDE, SIDE, 2).apply(batch, count, SIDE * SIDE, new SplittableRandom(3));
        SplittableRandom replay = new SplittableRandom(3);
        Set<String> offsets = new HashSet<>();
        for (int k = 0; k < count; k++) {
            int dx = replay.nextInt(5) - 2;
            int dy = replay.nextInt(5) - 2;
            offsets.add(dx + "," + dy);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int sx = x - dx;
                    int sy = y - dy;
                    float expected = sx < 0 || sx >= SIDE || sy < 0 || sy >= SIDE ? 0
                            : original[k * SIDE * SIDE + sy * SIDE + sx];
                    assertEquals(expected, batch[k * SIDE * SIDE + y * SIDE + x],
                            "image " + k + " moved by (" + dx + ", " + dy + ") at (" + x + ", " + y + ")");
                }
            }
        }
        assertTrue(offsets.size() > 15, "the draws cover the offsets: " + offsets);
    }

    @Test
    @DisplayName("float64 batches move exactly like float32 ones; rows past the batch are left alone")
    void doublesAndBatchBounds() {
        float[] floats = images(3);
        double[] doubles = new double[floats.length + 7];
        for (int i = 0; i < floats.length; i++) {
            doubles[i] = floats[i];
        }
        doubles[floats.length] = 42;
        RandomShift shift = new RandomShift(SIDE, SIDE, 1);
        shift.apply(floats, 3, SIDE * SIDE, new SplittableRandom(9));
        shift.apply(doubles, 3, SIDE * SIDE, new SplittableRandom(9));
        for (int i = 0; i < floats.length; i++) {
            assertEquals(floats[i], doubles[i], 0);
        }
        assertEquals(42, doubles[floats.length], "past the batch");
    }

    @Test
    @DisplayName("a zero offset keeps the image; sizes that make no sense are refused")
    void identityAndBadSizes() {
        float[] image = images(1);
        float[] copy = image.clone();
        RandomShift shift = new RandomShift(SIDE, SIDE, 1);
        SplittableRandom random = new SplittableRandom(0);
        // Find a seed whose first draws are (0, 0): offset 0 is drawn as 1 from nextInt(3).
        long seed = 0;
        while (true) {
            SplittableRandom r = new SplittableRandom(seed);
            if (r.nextInt(3) == 1 && r.nextInt(3) == 1) {
                break;
            }
            seed++;
        }
        shift.apply(image, 1, SIDE * SIDE, new SplittableRandom(seed));
        assertArrayEquals(copy, image);
        assertThrows(IllegalArgumentException.class, () -> shift.apply(image, 1, 24, random));
        assertThrows(IllegalArgumentException.class, () -> new RandomShift(28, 28, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomShift(28, 28, 28));
    }
}
