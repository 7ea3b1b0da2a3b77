package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.nnfs.tensor.Backends;

import picocli.CommandLine;

/** Which backend a command line runs on, as the launcher decides before starting a second JVM. */
class BackendForTest {
    @Test
    void theOptionWinsElseTheFastestRegisteredBackend() {
        assertEquals("ojalgo", MnistApp.backendFor(new String[] {"train", "--backend", "ojalgo", "--epochs", "2"}));
        assertEquals("nd4j", MnistApp.backendFor(new String[] {"evaluate", "--model", "m", "--backend=ND4J"}));
        assertEquals("nd4j", MnistApp.backendFor(new String[] {"--verbose", "serve", "--backend", " nd4j "}));
        assertEquals(Backends.names().get(0), MnistApp.backendFor(new String[] {"train"}));
        assertEquals("vector", Backends.names().get(0), "the fastest backend ranks first: " + Backends.names());
        assertEquals("vector", MnistApp.backendFor(new String[] {"predict", "--model", "m", "digit.png"}));
        assertEquals("vector", MnistApp.backendFor(new String[] {"export", "--model", "m", "--", "--backend", "nd4j"}),
                "after --, --backend is a positional parameter");
    }

    @Test
    void noneForHelpVersionAndCommandsWithoutABackend() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"-V"}, {"train", "--help"},
                {"train", "--backend", "vector", "-h"}, {"help", "train"}, {"generate-completion"}, {"--verbose"}}) {
            assertNull(MnistApp.backendFor(args), String.join(" ", args));
        }
    }

    @Test
    void whereTheArgumentsCannotTellItIsTheDefault() {
        // A usage error is reported by whichever JVM runs the command; an argument file is read by picocli there.
        assertEquals("vector", MnistApp.backendFor(new String[] {"train", "--no-such-option"}));
        assertEquals("vector", MnistApp.backendFor(new String[] {"predict"}));
        assertEquals("tpu", MnistApp.backendFor(new String[] {"train", "--backend", "tpu"}));
        assertEquals("vector", MnistApp.backendFor(new String[] {"@train.args"}));
    }

    @Test
    void theListsAreThoseOfTheCommandLine() {
        CommandLine cmd = MnistApp.commandLine(new MnistApp(), new String[0]);
        Set<String> withBackend = new TreeSet<>();
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().findOption("--backend") != null) {
                withBackend.add(name);
            }
        });
        assertEquals(withBackend, new TreeSet<>(MnistApp.BACKEND_COMMANDS));
        Set<String> help = new TreeSet<>();
        cmd.getCommandSpec().options().stream().filter(o -> o.usageHelp() || o.versionHelp())
                .forEach(o -> help.addAll(Set.of(o.names())));
        assertEquals(help, new TreeSet<>(MnistApp.HELP_OPTIONS));
    }
}
