package org.nnfs.mnist.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;

import org.nnfs.optim.Optimizer;
import org.nnfs.registry.Registration;
import org.nnfs.registry.Registry;

/**
 * Help texts made from the component registry, for {@code ${bundle:...}} in the commands' option
 * descriptions: a component registered on the class path shows up in {@code --help} with nothing to
 * change here. Public because {@link java.util.ResourceBundle} instantiates it.
 */
public final class RegistryHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {{"registry.learning-rates", learningRates()}};
    }

    /** {@code adam 0.001, momentum 0.05, sgd 0.1}: each optimizer's default learning rate. */
    private static String learningRates() {
        List<String> rates = new ArrayList<>();
        for (Registration<Optimizer> r : Registry.optimizers().registrations()) {
            r.setting("lr").flatMap(s -> s.defaultValue()).ifPresent(lr -> rates.add(r.name() + " " + lr));
        }
        return String.join(", ", rates);
    }

    /** The registered optimizers' names, for the help text and shell completion. */
    static final class Optimizers implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Registry.optimizers().names().iterator();
        }
    }

    /** The registered learning-rate schedules' names. */
    static final class Schedules implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Registry.schedules().names().iterator();
        }
    }

    /** The registered activations' names. */
    static final class Activations implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Registry.activations().names().iterator();
        }
    }

    /** The registered initializers' names. */
    static final class Initializers implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Registry.initializers().names().iterator();
        }
    }
}
