package org.nnfs.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.registry.Registry;

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
    @DisplayName("initializers parse from the text forms version-1 model files store, and reject others")
    void parse() {
        for (Initializer i : new Initializer[] {Initializer.normal(0.05), Initializer.he(), Initializer.glorot(),
                Initializer.zeros(), Initializer.ones()}) {
            assertEquals(i, Registry.initializers().parse(i.toString()));
        }
        assertEquals("normal(0.1)", Registry.initializers().parse("normal").toString());
        assertEquals("normal(0.05)", Registry.initializers().parse(" Normal( 0.05 ) ").toString());
        assertEquals("glorot", Registry.initializers().parse("Xavier").toString());
        assertEquals("he", Registry.initializers().parse("he").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.initializers().parse("uniform"));
        assertTrue(e.getMessage().contains("Expected one of {glorot, he, normal, ones, zeros}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registry.initializers().parse("normal(-1)"));
        assertTrue(e.getMessage().contains("sigma must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Registry.initializers().parse("normal(x)"));
    }

    @Test
    @DisplayName("zeros and ones draw nothing from the stream")
    void constants() {
        SplittableRandom random = new SplittableRandom(4);
        double[] w = {5, 5, 5, 5};
        Initializer.ones().fill(w, 2, 2, random);
        assertArrayEquals(new double[] {1, 1, 1, 1}, w);
        Initializer.zeros().fill(w, 1, 4, random);
        assertArrayEquals(new double[4], w);
        assertEquals(new SplittableRandom(4).nextLong(), random.nextLong());
    }
}
