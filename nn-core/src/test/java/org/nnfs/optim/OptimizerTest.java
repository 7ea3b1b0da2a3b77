package org.nnfs.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;

/** Each optimizer's first steps against the formulas computed by hand. */
class OptimizerTest {
    private final Backend b = new ReferenceBackend();

    private Parameter param(double w, double g, boolean decay) {
        return new Parameter("p", b.fromArray(new double[] {w}, 1, 1, DType.FLOAT64),
                b.fromArray(new double[] {g}, 1, 1, DType.FLOAT64), decay);
    }

    private static double value(Parameter p) {
        return p.value().toDoubleArray()[0];
    }

    @Test
    @DisplayName("SGD: w -= lr·(g + λw) for weights, biases undecayed")
    void sgd() {
        Parameter w = param(2, 0.5, true);
        Parameter bias = param(2, 0.5, false);
        new Sgd(0.1, 0.01).step(List.of(w, bias));
        assertEquals(2 - 0.1 * (0.5 + 0.02), value(w), 1e-15);
        assertEquals(2 - 0.1 * 0.5, value(bias), 1e-15);
    }

    @Test
    @DisplayName("momentum and Nesterov over two steps")
    void momentum() {
        Parameter p = param(1, 1, true);
        Optimizer m = new Momentum(0.1, 0.9, false, 0);
        m.step(List.of(p));
        m.step(List.of(p)); // v1 = 1, v2 = 1.9
        assertEquals(1 - 0.1 - 0.19, value(p), 1e-15);
        Parameter q = param(1, 1, true);
        Optimizer n = new Momentum(0.1, 0.9, true, 0);
        n.step(List.of(q));
        n.step(List.of(q)); // w -= lr (g + μ v): 0.1 (1 + 0.9), then 0.1 (1 + 0.9·1.9)
        assertEquals(1 - 0.19 - 0.1 * (1 + 0.9 * 1.9), value(q), 1e-15);
    }

    @Test
    @DisplayName("Adam's bias-corrected first step moves each weight by about lr")
    void adam() {
        Parameter p = param(1, 0.3, true);
        Adam adam = new Adam(0.01);
        adam.step(List.of(p));
        // m̂ = g, v̂ = g², step = lr · g / (|g| + ε)
        assertEquals(1 - 0.01 * 0.3 / (0.3 + 1e-8), value(p), 1e-12);
        adam.step(List.of(p));
        double m = 0.9 * 0.1 * 0.3 + 0.1 * 0.3;
        double v = 0.999 * 0.001 * 0.09 + 0.001 * 0.09;
        double expected = 1 - 0.01 * 0.3 / (0.3 + 1e-8) - 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(expected, value(p), 1e-12);
        assertEquals(2, adam.steps());
        assertEquals(3, adam.state(List.of(p)).size());
    }

    @Test
    @DisplayName("optimizers rebuild from their recorded settings and refuse bad ones")
    void factory() {
        Optimizer a = new Adam(0.002, 0.8, 0.99, 1e-7, 0.1);
        assertEquals(a.toString(), Registry.optimizers().create(a.type(), a.config()).toString());
        Optimizer n = new Momentum(0.2, 0.5, true, 0);
        assertEquals(n.toString(), Registry.optimizers().create(n.type(), n.config()).toString());
        assertEquals("Nesterov(lr=0.2, momentum=0.5)", Registry.optimizers().parse(Registry.optimizers().format(n)).toString());
        assertThrows(IllegalArgumentException.class, () -> Registry.optimizers().create("rmsprop", Map.of("lr", "0.1")));
        assertThrows(IllegalArgumentException.class, () -> Registry.optimizers().create("sgd", Map.of("lr", "-1")));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(-1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    }
}
