package org.nnfs.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.registry.Registry;

/** Each schedule's rate at every step of a run against a plain-Java reference of its published formula. */
class ScheduleTest {
    private static final double BASE = 0.1;
    private static final int STEPS_PER_EPOCH = 7;
    private static final int EPOCHS = 9;

    /** Every step of the run and a few past its end, against {@code reference} times the warm-up factor. */
    private static void assertFollows(LearningRateSchedule schedule, LongToDoubleFunction reference) {
        ScheduleState state = schedule.newState(BASE);
        for (long step = 1; step <= (EPOCHS + 2L) * STEPS_PER_EPOCH; step++) {
            double expected = reference.applyAsDouble(step)
                    * ScheduleReference.warmup(step, STEPS_PER_EPOCH, schedule.warmupEpochs());
            double actual = schedule.learningRate(BASE, step, STEPS_PER_EPOCH, state);
            assertEquals(expected, actual, 1e-15 * BASE, schedule + " at step " + step);
        }
    }

    @ParameterizedTest(name = "warm-up {0} epochs")
    @ValueSource(ints = {0, 1, 3})
    @DisplayName("constant, step, exponential and cosine follow their formulas, with and without warm-up")
    void closedForms(int warmup) {
        assertFollows(new ConstantSchedule(warmup), step -> BASE);
        assertFollows(new StepSchedule(3, 0.5, warmup),
                step -> ScheduleReference.step(BASE, step, STEPS_PER_EPOCH, 3, 0.5));
        assertFollows(new ExponentialSchedule(0.9, warmup),
                step -> ScheduleReference.exponential(BASE, step, STEPS_PER_EPOCH, 0.9));
        assertFollows(new CosineSchedule(EPOCHS, 0.001, warmup),
                step -> ScheduleReference.cosine(BASE, step, STEPS_PER_EPOCH, EPOCHS, 0.001));
        assertFollows(new CosineSchedule(EPOCHS, 0, warmup),
                step -> ScheduleReference.cosine(BASE, step, STEPS_PER_EPOCH, EPOCHS, 0));
    }

    @Test
    @DisplayName("warm-up rises linearly from base/(W·n) to the full rate at the end of epoch W")
    void warmup() {
        LearningRateSchedule s = new ConstantSchedule(2);
        ScheduleState state = s.newState(BASE);
        assertEquals(BASE / 14, s.learningRate(BASE, 1, STEPS_PER_EPOCH, state), 1e-18);
        assertEquals(BASE * 13 / 14, s.learningRate(BASE, 13, STEPS_PER_EPOCH, state), 1e-18);
        assertEquals(BASE, s.learningRate(BASE, 14, STEPS_PER_EPOCH, state));
        assertEquals(BASE, s.learningRate(BASE, 15, STEPS_PER_EPOCH, state));
        CosineSchedule cosine = new CosineSchedule(4, 0, 1);
        assertEquals(0, cosine.learningRate(BASE, 4 * STEPS_PER_EPOCH + 1, STEPS_PER_EPOCH, state),
                "warm-up does not delay the cosine: it ends with the run");
    }

    @Test
    @DisplayName("the cosine starts at the base rate, halves at mid-run and stays at its floor after the run")
    void cosineLandmarks() {
        CosineSchedule s = new CosineSchedule(2, 0.01, 0);
        ScheduleState none = s.newState(BASE);
        assertEquals(BASE, s.learningRate(BASE, 1, 10, none), 1e-17);
        assertEquals((BASE + 0.01) / 2, s.learningRate(BASE, 11, 10, none), 1e-17);
        assertEquals(0.01, s.learningRate(BASE, 21, 10, none));
        assertEquals(0.01, s.learningRate(BASE, 1000, 10, none));
        assertTrue(s.learningRate(BASE, 20, 10, none) > 0.01);
    }

    @Test
    @DisplayName("plateau reduces the rate as PyTorch's ReduceLROnPlateau does, to its floor")
    void plateau() {
        double[] losses = {1.0, 0.9, 0.9, 0.95, 0.89999, 0.91, 0.92, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
            0.49996, 0.49, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6};
        PlateauSchedule s = new PlateauSchedule(0.5, 2, 1e-4, 0.02, 0);
        ScheduleReference.Plateau reference = new ScheduleReference.Plateau(BASE, 0.5, 2, 1e-4, 0.02);
        ScheduleState state = s.newState(BASE);
        int reductions = 0;
        for (int e = 1; e <= losses.length; e++) {
            for (int b = 1; b <= STEPS_PER_EPOCH; b++) {
                long step = (long) (e - 1) * STEPS_PER_EPOCH + b;
                assertEquals(reference.lr, s.learningRate(BASE, step, STEPS_PER_EPOCH, state), "epoch " + e);
            }
            double before = reference.lr;
            s.epochEnded(e, losses[e - 1], state);
            reference.step(losses[e - 1]);
            reductions += reference.lr < before ? 1 : 0;
            assertEquals(reference.numBadEpochs, (int) state.get(2), "bad epochs after epoch " + e);
        }
        assertEquals(0.02, reference.lr, "the sequence reaches the floor");
        assertTrue(reductions >= 3, "the sequence exercises several reductions: " + reductions);
        assertEquals(List.of("rate", "best", "bad_epochs"), s.stateNames());
        assertTrue(s.needsValidation());
    }

    @Test
    @DisplayName("schedules rebuild from their registered names and settings; bad settings are refused")
    void registry() {
        for (LearningRateSchedule s : List.of(new ConstantSchedule(2), new StepSchedule(3, 0.5, 1),
                new ExponentialSchedule(0.95, 0), new CosineSchedule(20, 1e-4, 2), new PlateauSchedule(0.2, 3, 1e-3, 1e-5, 1))) {
            LearningRateSchedule again = Registry.schedules().create(s.type(), s.config());
            assertEquals(s.config(), again.config());
            assertEquals(s.toString(), again.toString());
        }
        assertEquals("0", Registry.schedules().create("constant").config().get("warmup_epochs"));
        assertEquals(Map.of("epochs", "20", "min_lr", "0.0", "warmup_epochs", "0"),
                Registry.schedules().create("cosine", Map.of("epochs", "20")).config());
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(0, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(2, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(5, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PlateauSchedule(1, 2, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PlateauSchedule(0.5, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.schedules().create("cosine"));
        assertTrue(e.getMessage().contains("'epochs' is required"), e.getMessage());
    }

    @Test
    @DisplayName("a schedule state read back must hold the schedule's values")
    void stateIsChecked() {
        PlateauSchedule s = new PlateauSchedule(0.5, 1, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.checkState(new ScheduleState(new double[1])));
        assertTrue(e.getMessage().contains("keeps 3 values"), e.getMessage());
        ScheduleState state = s.newState(0.3);
        ScheduleState copy = state.snapshot();
        state.set(0, 0.1);
        assertEquals(0.3, copy.get(0), "a snapshot is a copy");
    }
}
