package org.nnfs.registry;

import java.util.List;

import org.nnfs.loss.BinaryCrossEntropy;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.loss.SigmoidBinaryCrossEntropy;
import org.nnfs.loss.SoftmaxCrossEntropy;

/**
 * nn-core's built-in losses.
 * Registered through {@link java.util.ServiceLoader} like anyone else's components
 * (listed in nn-core's {@code META-INF/services/org.nnfs.registry.RegistryProvider}).
 */
public final class BuiltInLosses implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.LOSS, "cross_entropy")
                        .description("categorical cross-entropy on probabilities, fused with a final softmax")
                        .factory(s -> new CrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "softmax_cross_entropy")
                        .description("softmax and cross-entropy in one, on logits")
                        .factory(s -> new SoftmaxCrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "binary_cross_entropy")
                        .alias("bce")
                        .description("binary cross-entropy on sigmoid probabilities, fused with a final sigmoid")
                        .factory(s -> new BinaryCrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "sigmoid_binary_cross_entropy")
                        .alias("bce_with_logits")
                        .description("sigmoid and binary cross-entropy in one, on logits")
                        .factory(s -> new SigmoidBinaryCrossEntropy())
                        .build(),
                Registration.builder(Kind.LOSS, "mse")
                        .alias("mean_squared_error")
                        .description("mean squared error over all outputs")
                        .factory(s -> new MeanSquaredError())
                        .build());
    }
}
