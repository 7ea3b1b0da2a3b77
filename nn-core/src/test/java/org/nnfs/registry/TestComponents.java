package org.nnfs.registry;

import java.util.List;

import org.nnfs.layer.Labelled;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.optim.TestAdagrad;
import org.nnfs.registry.Setting.Type;

/**
 * The test sources' components, registered the way a user registers theirs: this provider, listed in
 * {@code src/test/resources/META-INF/services/org.nnfs.registry.RegistryProvider}.
 */
public final class TestComponents implements RegistryProvider {
    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.builder(Kind.LAYER, Recenter.TYPE)
                        .description("test layer with a running-mean buffer")
                        .setting(Setting.withDefault("momentum", Type.REAL, 0.9, "share of the old mean kept per batch"))
                        .factory(s -> new Recenter(s.real("momentum")))
                        .build(),
                Registration.builder(Kind.LAYER, Labelled.TYPE)
                        .description("test layer passing its input through, with a free-text label")
                        .setting(Setting.withDefault("label", Type.TEXT, "unnamed", "any text"))
                        .factory(s -> new Labelled(s.text("label")))
                        .build(),
                Registration.builder(Kind.ACTIVATION, TestLeakyRelu.TYPE)
                        .description("test activation max(x, alpha·x)")
                        .setting(Setting.withDefault("alpha", Type.REAL, 0.01, "slope for negative inputs"))
                        .factory(s -> new TestLeakyRelu(s.real("alpha")))
                        .build(),
                Registration.builder(Kind.OPTIMIZER, TestAdagrad.TYPE)
                        .description("test optimizer Adagrad")
                        .setting(Setting.withDefault("lr", Type.REAL, 0.01, "learning rate"))
                        .setting(Setting.withDefault("epsilon", Type.REAL, 1e-10, "added to the root of the sum"))
                        .setting(Setting.withDefault("weight_decay", Type.REAL, 0.0, "L2 weight decay"))
                        .factory(s -> new TestAdagrad(s.real("lr"), s.real("epsilon"), s.real("weight_decay")))
                        .build());
    }
}
