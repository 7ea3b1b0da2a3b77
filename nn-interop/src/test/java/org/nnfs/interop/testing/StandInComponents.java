package org.nnfs.interop.testing;

import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.Scratch;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.registry.Kind;
import org.nnfs.registry.Registration;
import org.nnfs.registry.RegistryProvider;
import org.nnfs.registry.Setting;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * A stand-in for the {@code leaky_relu} activation that ONNX's {@code LeakyRelu} imports to, registered
 * only while no other provider on the class path registers one (nn-core's own, once it has it), so the
 * import is tested against the real thing whenever it exists and the registry never sees the name twice.
 */
public final class StandInComponents implements RegistryProvider {
    private static final String LEAKY_RELU = "leaky_relu";

    @Override
    public List<Registration<?>> registrations() {
        if (registeredElsewhere()) {
            return List.of();
        }
        return List.of(Registration.builder(Kind.ACTIVATION, LEAKY_RELU)
                .description("test stand-in: max(x, alpha·x)")
                .setting(Setting.withDefault("alpha", Setting.Type.REAL, 0.01, "slope for negative inputs"))
                .factory(s -> new LeakyRelu(s.real("alpha")))
                .build());
    }

    private static boolean registeredElsewhere() {
        for (var it = ServiceLoader.load(RegistryProvider.class).iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    return false;
                }
                RegistryProvider p = it.next();
                if (!(p instanceof StandInComponents) && p.registrations().stream()
                        .anyMatch(r -> r.name().equals(LEAKY_RELU) || r.aliases().contains(LEAKY_RELU))) {
                    return true;
                }
            } catch (ServiceConfigurationError e) {
                // the registry reports broken providers itself
            }
        }
    }

    /** nn-core's test activation {@code relu(x) - alpha·relu(-x)} under the name {@code leaky_relu}. */
    private static final class LeakyRelu implements ActivationFunction {
        private final TestLeakyRelu function;
        private final double alpha;

        LeakyRelu(double alpha) {
            this.function = new TestLeakyRelu(alpha);
            this.alpha = alpha;
        }

        @Override
        public String type() {
            return LEAKY_RELU;
        }

        @Override
        public Map<String, String> config() {
            return Map.of("alpha", Double.toString(alpha));
        }

        @Override
        public void forward(Backend backend, Tensor x, Tensor y, Scratch work) {
            function.forward(backend, x, y, work);
        }

        @Override
        public void backward(Backend backend, Tensor x, Tensor y, Tensor dy, Tensor dx, Scratch work) {
            function.backward(backend, x, y, dy, dx, work);
        }
    }
}
