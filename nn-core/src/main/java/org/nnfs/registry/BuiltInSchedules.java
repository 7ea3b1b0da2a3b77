package org.nnfs.registry;

import java.util.List;

import org.nnfs.optim.LearningRateSchedule;

/**
 * nn-core's built-in learning-rate schedules.
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInSchedules implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.SCHEDULE, "constant")
                        .description("the optimizer's learning rate at every step")
                        .factory(s -> LearningRateSchedule.constant())
                        .build());
    }
}
