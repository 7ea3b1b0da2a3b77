package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What a new user reads first: the command list with examples, and the shell completion script. */
class CliHelpTest {
    @Test
    void helpListsTheCommandsWithAnExampleEach() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        for (String command : new String[] {"train", "evaluate", "predict", "export", "serve", "help", "generate-completion"}) {
            assertTrue(out.contains("\n  " + command + " "), command + " is listed:\n" + out);
            assertTrue(out.contains("\n  nn-mnist " + command) || out.contains("(nn-mnist " + command + ")"),
                    "an example of " + command + ":\n" + out);
        }
        assertTrue(out.contains("nn-mnist stands for: java -jar nn-mnist.jar"), out);
        for (String line : out.split("\\R")) {
            assertTrue(line.length() <= 80, "fits 80 columns: " + line);
        }
    }

    @Test
    void theCompletionScriptCompletesCommandsOptionsAndBackendNames() {
        Cli.Result r = Cli.run("generate-completion");
        assertEquals(0, r.code(), r.toString());
        String script = r.out();
        assertTrue(script.contains("complete -F _complete_nn-mnist") && script.contains("nn-mnist"), script);
        assertTrue(script.contains("train") && script.contains("evaluate") && script.contains("predict"), script);
        assertTrue(script.contains("--backend") && script.contains("vector") && script.contains("ojalgo"), script);
    }

    /**
     * picocli names a completion script's list of an option's values after the option's parameter label, so
     * two options of one command with the same label would offer each other's values (with NAME for
     * --backend, --optimizer, --activation and --init, `--backend TAB` offered initializers).
     */
    @Test
    void eachOptionWithValuesToCompleteHasItsOwnLabel() {
        String script = Cli.run("generate-completion").out();
        for (String function : script.split("\nfunction ")) {
            Matcher m = Pattern.compile("local (\\w+)_option_args=\\(.*\\) # (--[\\w-]+) values").matcher(function);
            Map<String, String> optionOfLabel = new HashMap<>();
            while (m.find()) {
                String before = optionOfLabel.put(m.group(1), m.group(2));
                assertNull(before, m.group(2) + " and " + before + " share the label " + m.group(1) + ":\n" + function);
            }
        }
        // Fastest first (the test class path adds the test-only reference backend at the end).
        assertTrue(script.contains("local BACKEND_option_args=(\"vector\" \"nd4j\" \"ojalgo\""), script);
    }
}
