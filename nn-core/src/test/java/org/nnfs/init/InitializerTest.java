package org.nnfs.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static double[] draw(Initializer init, int fanIn, int fanOut) {
        double[] w = new double[fanIn * fanOut];
        init.fill(w, fanIn, fanOut, new SplittableRandom(1));
        return w;
    }

    private static double std(double[] w) {
        double mean = 0;
        for (double v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (double v : w) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / w.length);
    }

    @Test
    @DisplayName("normal, He and Glorot have the documented spread")
    void spreads() {
        assertEquals(0.1, std(draw(Initializer.normal(0.1), 300, 200)), 0.002);
        assertEquals(Math.sqrt(2.0 / 400), std(draw(Initializer.he(), 400, 150)), 0.002);
        double limit = Math.sqrt(6.0 / (300 + 100));
        double[] g = draw(Initializer.glorot(), 300, 100);
        for (double v : g) {
            assertTrue(Math.abs(v) <= limit);
        }
        assertEquals(limit / Math.sqrt(3), std(g), 0.002);
    }

    @Test
    @DisplayName("initializers parse from their names and reject others")
    void parse() {
        for (Initializer i : new Initializer[] {Initializer.normal(0.05), Initializer.he(), Initializer.glorot()}) {
            assertEquals(i.toString(), Initializer.parse(i.toString()).toString());
        }
        assertEquals("normal(0.1)", Initializer.parse("normal").toString());
        assertEquals("glorot", Initializer.parse("Xavier").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.parse("zeros"));
        assertTrue(e.getMessage().contains("Expected one of"));
        assertThrows(IllegalArgumentException.class, () -> Initializer.parse("normal(-1)"));
    }
}
