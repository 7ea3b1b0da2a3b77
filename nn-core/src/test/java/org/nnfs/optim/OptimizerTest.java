package org.nnfs.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        step(new Sgd(0.1, 0.01), List.of(w, bias), 1);
        assertEquals(2 - 0.1 * (0.5 + 0.02), value(w), 1e-15);
        assertEquals(2 - 0.1 * 0.5, value(bias), 1e-15);
    }

    @Test
    @DisplayName("momentum and Nesterov over two steps")
    void momentum() {
        Parameter p = param(1, 1, true);
        step(new Momentum(0.1, 0.9, false, 0), List.of(p), 2); // v1 = 1, v2 = 1.9
        assertEquals(1 - 0.1 - 0.19, value(p), 1e-15);
        Parameter q = param(1, 1, true);
        step(new Momentum(0.1, 0.9, true, 0), List.of(q), 2); // w -= lr (g + μ v): 0.1 (1 + 0.9), then 0.1 (1 + 0.9·1.9)
        assertEquals(1 - 0.19 - 0.1 * (1 + 0.9 * 1.9), value(q), 1e-15);
    }

    @Test
    @DisplayName("Adam's bias-corrected first step moves each weight by about lr")
    void adam() {
        Parameter p = param(1, 0.3, true);
        Adam adam = new Adam(0.01);
        OptimizerState state = adam.newState(List.of(p.value()));
        adam.step(List.of(p), state);
        // m̂ = g, v̂ = g², step = lr · g / (|g| + ε)
        assertEquals(1 - 0.01 * 0.3 / (0.3 + 1e-8), value(p), 1e-12);
        adam.step(List.of(p), state);
        double m = 0.9 * 0.1 * 0.3 + 0.1 * 0.3;
        double v = 0.999 * 0.001 * 0.09 + 0.001 * 0.09;
        double expected = 1 - 0.01 * 0.3 / (0.3 + 1e-8) - 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(expected, value(p), 1e-12);
        assertEquals(2, state.steps());
        assertEquals(3, state.tensors().size());
    }

    @Test
    @DisplayName("a user's optimizer (Adagrad, as CONTRIBUTING.md builds it) steps by its formula and registers")
    void userOptimizer() {
        Parameter p = param(1, 0.5, true);
        OptimizerState state = step(new TestAdagrad(0.01, 1e-10, 0), List.of(p), 2);
        double first = 1 - 0.01 * 0.5 / (Math.sqrt(0.25) + 1e-10);
        assertEquals(first - 0.01 * 0.5 / (Math.sqrt(0.5) + 1e-10), value(p), 1e-12);
        assertEquals(2, state.tensors().size());
        Optimizer registered = Registry.optimizers().create("test-adagrad", Map.of("epsilon", "1e-6"));
        assertEquals(Map.of("lr", "0.01", "epsilon", "1.0E-6", "weight_decay", "0.0"), registered.config());
    }

    /** {@code steps} steps of {@code optimizer} from a fresh state; returns the state. */
    private static OptimizerState step(Optimizer optimizer, List<Parameter> params, int steps) {
        OptimizerState state = optimizer.newState(params.stream().map(Parameter::value).toList());
        for (int i = 0; i < steps; i++) {
            optimizer.step(params, state);
        }
        assertEquals(steps, state.steps());
        return state;
    }

    @Test
    @DisplayName("a state fits one parameter list: its count and shapes are checked")
    void stateIsChecked() {
        Parameter p = param(1, 1, true);
        Parameter q = param(2, 1, true);
        Momentum momentum = new Momentum(0.1);
        OptimizerState state = momentum.newState(List.of(p.value()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> momentum.checkState(List.of(p.value(), q.value()), state));
        assertEquals("optimizer 'momentum' keeps 1 state tensor(s) for each of 2 parameters, but the state holds 1",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> momentum.step(List.of(p, q), state));
        OptimizerState wide = new OptimizerState(3, List.of(b.zeros(1, 2, DType.FLOAT64)));
        e = assertThrows(IllegalArgumentException.class, () -> momentum.checkState(List.of(p.value()), wide));
        assertTrue(e.getMessage().contains("[1, 2]") && e.getMessage().contains("[1, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OptimizerState(-1, List.of()));
        assertEquals(3, wide.snapshot().steps());
    }

    @Test
    @DisplayName("optimizers rebuild from their recorded settings and refuse bad ones")
    void factory() {
        Optimizer a = new Adam(0.002, 0.8, 0.99, 1e-7, 0.1);
        assertEquals(a.toString(), Registry.optimizers().create(a.type(), a.config()).toString());
        Optimizer n = new Momentum(0.2, 0.5, true, 0);
        assertEquals(n.toString(), Registry.optimizers().create(n.type(), n.config()).toString());
        assertEquals("Nesterov(lr=0.2, momentum=0.5)", Registry.optimizers().parse(Registry.optimizers().format(n)).toString());
        assertThrows(IllegalArgumentException.class, () -> Registry.optimizers().create("adagrad", Map.of("lr", "0.1")));
        assertThrows(IllegalArgumentException.class, () -> Registry.optimizers().create("sgd", Map.of("lr", "-1")));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(-1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    }
}
