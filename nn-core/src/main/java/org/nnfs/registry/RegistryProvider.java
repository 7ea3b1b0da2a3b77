package org.nnfs.registry;

import java.util.List;

/**
 * Contributes registrations to the {@link Registry}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.nnfs.registry.RegistryProvider}. nn-core registers its own components
 * the same way ({@link BuiltInLayers} and its siblings). A name registered twice (across all providers, aliases included)
 * stops the registry with an error naming both providers.
 */
public interface RegistryProvider {

    /** The registrations, of any kinds. */
    List<Registration<?>> registrations();
}
