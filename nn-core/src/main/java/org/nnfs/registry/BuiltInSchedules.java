package org.nnfs.registry;

import java.util.List;

import org.nnfs.optim.ConstantSchedule;
import org.nnfs.optim.CosineSchedule;
import org.nnfs.optim.ExponentialSchedule;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.PlateauSchedule;
import org.nnfs.optim.StepSchedule;
import org.nnfs.registry.Setting.Type;

/**
 * nn-core's built-in learning-rate schedules, each with linear warm-up as an option (see
 * {@link LearningRateSchedule}).
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInSchedules implements RegistryProvider {
    /** The warm-up setting every schedule takes. */
    static final Setting WARMUP = Setting.withDefault("warmup_epochs", Type.INTEGER, 0,
            "epochs of linear warm-up at the start of the run");

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.SCHEDULE, "constant")
                        .description("the optimizer's learning rate at every step")
                        .setting(WARMUP)
                        .factory(s -> new ConstantSchedule(s.integer("warmup_epochs")))
                        .build(),
                Registration.builder(Kind.SCHEDULE, "step")
                        .description("multiplies the rate by gamma every step_size epochs (PyTorch's StepLR)")
                        .setting(Setting.required("step_size", Type.INTEGER, "epochs between decays"))
                        .setting(Setting.withDefault("gamma", Type.REAL, 0.1, "factor of each decay, in (0, 1]"))
                        .setting(WARMUP)
                        .factory(s -> new StepSchedule(s.integer("step_size"), s.real("gamma"),
                                s.integer("warmup_epochs")))
                        .build(),
                Registration.builder(Kind.SCHEDULE, "exponential")
                        .description("multiplies the rate by gamma after every epoch (PyTorch's ExponentialLR)")
                        .setting(Setting.required("gamma", Type.REAL, "factor per epoch, in (0, 1]"))
                        .setting(WARMUP)
                        .factory(s -> new ExponentialSchedule(s.real("gamma"), s.integer("warmup_epochs")))
                        .build(),
                Registration.builder(Kind.SCHEDULE, "cosine")
                        .description("cosine annealing per step from the rate to min_lr over the run")
                        .setting(Setting.required("epochs", Type.INTEGER, "the run's length in epochs"))
                        .setting(Setting.withDefault("min_lr", Type.REAL, 0.0, "the rate at the end"))
                        .setting(WARMUP)
                        .factory(s -> new CosineSchedule(s.integer("epochs"), s.real("min_lr"),
                                s.integer("warmup_epochs")))
                        .build(),
                Registration.builder(Kind.SCHEDULE, "plateau")
                        .description("reduces the rate when the validation loss stalls (PyTorch's ReduceLROnPlateau)")
                        .setting(Setting.withDefault("factor", Type.REAL, 0.1, "the rate's multiplier, in (0, 1)"))
                        .setting(Setting.withDefault("patience", Type.INTEGER, 10,
                                "epochs without improvement tolerated before reducing"))
                        .setting(Setting.withDefault("threshold", Type.REAL, 1e-4,
                                "relative improvement of the validation loss that counts"))
                        .setting(Setting.withDefault("min_lr", Type.REAL, 0.0, "the lowest rate"))
                        .setting(WARMUP)
                        .factory(s -> new PlateauSchedule(s.real("factor"), s.integer("patience"),
                                s.real("threshold"), s.real("min_lr"), s.integer("warmup_epochs")))
                        .build());
    }
}
