package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nnfs.tensor.Backends;

/** Which backend a command line runs on, as the launcher decides before starting a second JVM. */
class BackendForTest {
    @Test
    void theOptionWinsElseTheFastestRegisteredBackend() {
        assertEquals("ojalgo", MnistApp.backendFor(new String[] {"train", "--backend", "ojalgo", "--epochs", "2"}));
        assertEquals("nd4j", MnistApp.backendFor(new String[] {"evaluate", "--model", "m", "--backend=ND4J"}));
        assertEquals(Backends.names().get(0), MnistApp.backendFor(new String[] {"train"}));
        assertEquals("vector", Backends.names().get(0), "the fastest backend ranks first: " + Backends.names());
        assertEquals("vector", MnistApp.backendFor(new String[] {"predict", "--model", "m", "digit.png"}));
    }

    @Test
    void noneForHelpVersionAndUsageErrors() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"train", "--help"}, {"help", "train"},
                {"train", "--no-such-option"}, {"train", "--backend", "tpu"}, {"predict"}}) {
            assertNull(MnistApp.backendFor(args), String.join(" ", args));
        }
    }
}
