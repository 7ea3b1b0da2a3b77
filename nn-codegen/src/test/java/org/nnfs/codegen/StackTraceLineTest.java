package org.nnfs.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise that makes generated code debuggable: a stack trace through a generated class names the
 * template's line. A template whose branches differ in length is expanded, compiled and run, and the line
 * of the exception it throws is compared with the template line of the {@code throw}.
 */
class StackTraceLineTest {
    private static final String[] TEMPLATE = {
        "package gen; // a template: nn-codegen expands it for float and double",
        "",
        "public final class $Type$Thrower {",
        "#if[float]",
        "    // The float branch is one line long...",
        "#else[float]",
        "    // ...the double branch three,",
        "    // so that a generator that dropped directive or unused lines",
        "    // would shift every later line differently per type.",
        "#end[float]",
        "    public static $type$ run($type$ x) {",
        "        if (x > 0) {",
        "            throw new IllegalStateException(\"$type$\");", // line 13
        "        }",
        "        return x;",
        "    }",
        "}",
    };
    private static final int THROW_LINE = 13;

    @ParameterizedTest
    @ValueSource(strings = {"float", "double"})
    void stackTraceNamesTheTemplateLine(String type, @TempDir Path dir) throws Exception {
        Path templates = dir.resolve("templates");
        Path sources = dir.resolve("sources");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ExpandTest.write(templates.resolve("gen/X-Thrower.java.template"), TEMPLATE);
        Expand.expandTree(templates, sources, List.of(type));
        String typeName = Expand.TYPES.get(type).get("Type");
        Path source = sources.resolve("gen/" + typeName + "Thrower.java");
        assertTrue(TEMPLATE[THROW_LINE - 1].contains("throw"), "the template's throw is on line " + THROW_LINE);

        compile(source, classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()})) {
            Class<?> thrower = loader.loadClass("gen." + typeName + "Thrower");
            Class<?> primitive = type.equals("float") ? float.class : double.class;
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> thrower.getMethod("run", primitive).invoke(null, type.equals("float") ? (Object) 1f : 1.0));
            StackTraceElement top = e.getCause().getStackTrace()[0];
            assertEquals(typeName + "Thrower.java", top.getFileName());
            assertEquals(THROW_LINE, top.getLineNumber(), "line of the throw in " + top);
        }
    }

    private static void compile(Path source, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, null, List.of("-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
        assertTrue(ok, "javac failed:\n" + log + "\n" + Files.readString(source));
    }
}
