package org.nnfs.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The project's own templates (every module's {@code src/main/templates}): each expands for both types,
 * keeps its line count, and says on its first line that it is a template and what expands it.
 */
class RepositoryTemplatesTest {

    /** The templates of the modules next to this one (Surefire runs in the module's directory). */
    private static List<Path> templates() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/main/templates")).filter(Files::isDirectory)
                    .flatMap(dir -> {
                        try (Stream<Path> walk = Files.walk(dir)) {
                            return walk.filter(p -> p.toString().endsWith(".java.template"))
                                    .collect(Collectors.toList()).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("every template of the project expands for float and double, line for line")
    void everyTemplateExpands() throws IOException {
        List<Path> templates = templates();
        assertFalse(templates.isEmpty(), "no templates found next to " + Path.of("").toAbsolutePath());
        for (Path template : templates) {
            List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
            String name = template.getFileName().toString();
            assertTrue(lines.get(0).startsWith("package ") && lines.get(0).contains("// Template " + name)
                    && lines.get(0).contains("nn-codegen"),
                    template + ": line 1 should be the package with a comment naming the template and nn-codegen, got: "
                            + lines.get(0));
            for (String type : List.of("float", "double")) {
                List<String> out = Expand.expand(template.toString(), lines, Expand.TYPES.get(type), Set.of(type));
                assertEquals(lines.size(), out.size(), template + " for " + type);
                String typeName = Expand.TYPES.get(type).get("Type");
                String className = typeName + name.substring(2, name.length() - ".java.template".length());
                assertTrue(out.stream().anyMatch(l -> l.contains("class " + className)),
                        template + " for " + type + " should declare class " + className);
            }
        }
    }
}
