package org.nnfs.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template language: keys, conditional blocks, line numbers, and the errors that name file and line. */
class ExpandTest {
    private static final Map<String, String> FLOAT = Expand.TYPES.get("float");
    private static final Map<String, String> DOUBLE = Expand.TYPES.get("double");

    private static List<String> expand(Map<String, String> keys, String type, String... lines) {
        return Expand.expand("T.java.template", List.of(lines), keys, Set.of(type));
    }

    @Test
    @DisplayName("keys are replaced wherever they stand, several per line")
    void keys() {
        assertEquals(List.of("class FloatGemm { float[] a; FloatVector v; Float boxed; double[] wide; Double w; }"),
                expand(FLOAT, "float",
                        "class $Type$Gemm { $type$[] a; $Vector$ v; $Boxed$ boxed; $other$[] wide; $Other$ w; }"));
        assertEquals(List.of("double x = (float) y; // DoubleVector"),
                expand(DOUBLE, "double", "$type$ x = ($other$) y; // $Vector$"));
    }

    @Test
    @DisplayName("text without keys, dollar signs that are not keys, and blank lines pass unchanged")
    void plainText() {
        List<String> lines = List.of("int $ = 1;", "String s = \"a$b\";", "", "    // comment  ");
        assertEquals(lines, Expand.expand("T", lines, FLOAT, Set.of("float")));
    }

    @Test
    @DisplayName("#if/#else/#end keep one branch per type; directive and dropped lines become empty lines")
    void conditions() {
        String[] template = {
            "a",
            "#if[float]",
            "f1",
            "    #else[float]",
            "d1",
            "d2",
            "#end[float]",
            "b",
            "  #if[!float]",
            "not float",
            "  #end[!float]",
        };
        assertEquals(List.of("a", "", "f1", "", "", "", "", "b", "", "", ""), expand(FLOAT, "float", template));
        assertEquals(List.of("a", "", "", "", "d1", "d2", "", "b", "", "not float", ""),
                expand(DOUBLE, "double", template));
    }

    @Test
    @DisplayName("blocks nest: an inner block counts only where the outer one holds")
    void nesting() {
        String[] template = {"#if[float]", "#if[!double]", "x", "#else[!double]", "y", "#end[!double]", "#end[float]"};
        assertEquals(List.of("", "", "x", "", "", "", ""), expand(FLOAT, "float", template));
        assertEquals(List.of("", "", "", "", "", "", ""), expand(DOUBLE, "double", template));
    }

    @Test
    @DisplayName("every line keeps its number: output line N comes from template line N")
    void lineNumbersArePreserved() {
        String[] template = {
            "package p; // template",
            "#if[float]",
            "import a.$Type$;",
            "#else[float]",
            "import b.$Type$;",
            "import c.$Type$;",
            "#end[float]",
            "class $Type$X {",
            "}",
        };
        for (String type : List.of("float", "double")) {
            List<String> out = expand(Expand.TYPES.get(type), type, template);
            assertEquals(template.length, out.size(), type);
            assertEquals("package p; // template", out.get(0));
            assertEquals("class " + Expand.TYPES.get(type).get("Type") + "X {", out.get(7), type);
        }
    }

    @Test
    @DisplayName("mistakes are errors that name the template and line")
    void errors() {
        assertError("T.java.template:2: unknown key $Typ$", "a", "class $Typ$ {}");
        assertError("T.java.template:1: unknown condition 'flaot'", "#if[flaot]", "#end[flaot]");
        assertError("T.java.template:3: #end[double] does not match the open #if[float] of line 1",
                "#if[float]", "x", "#end[double]");
        assertError("T.java.template:1: #if[float] is never closed", "#if[float]", "x");
        assertError("T.java.template:2: #else[float] does not match any open #if", "x", "#else[float]");
        assertError("T.java.template:4: a second #else[float]", "#if[float]", "#else[float]", "x", "#else[float]",
                "#end[float]");
        assertError("T.java.template:1: a directive is #if[key]", "#if float");
        assertError("T.java.template:1: a directive is #if[key]", "#if[float] // trailing text");
    }

    private static void assertError(String expectedStart, String... lines) {
        Expand.TemplateException e = assertThrows(Expand.TemplateException.class,
                () -> expand(FLOAT, "float", lines));
        assertTrue(e.getMessage().startsWith(expectedStart), "message: " + e.getMessage());
    }

    @Test
    @DisplayName("a tree of templates becomes one file per type at the same relative path")
    void tree(@TempDir Path dir) throws IOException {
        Path templates = dir.resolve("templates");
        Path output = dir.resolve("out");
        write(templates.resolve("p/q/X-Ops.java.template"), "package p.q;", "final class $Type$Ops {", "}");
        write(templates.resolve("X-Top.java.template"), "final class $Type$Top {}");

        Expand.Summary first = Expand.expandTree(templates, output, List.of("float", "double"));
        assertEquals(4, first.written().size());
        assertEquals(List.of("package p.q;", "final class DoubleOps {", "}"),
                Files.readAllLines(output.resolve("p/q/DoubleOps.java")));
        assertEquals(List.of("final class FloatTop {}"), Files.readAllLines(output.resolve("FloatTop.java")));
        assertEquals("4 files from 2 templates: 4 written, 0 unchanged, 0 stale deleted", first.toString());
    }

    @Test
    @DisplayName("unchanged output is not rewritten, so the compiler has nothing new to compile")
    void unchangedFilesAreNotTouched(@TempDir Path dir) throws IOException {
        Path templates = dir.resolve("templates");
        Path output = dir.resolve("out");
        write(templates.resolve("X-A.java.template"), "class $Type$A {}");
        Expand.expandTree(templates, output, List.of("float"));
        Path generated = output.resolve("FloatA.java");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(generated, old);

        Expand.Summary again = Expand.expandTree(templates, output, List.of("float"));
        assertEquals(List.of(generated), again.unchanged());
        assertEquals(old, Files.getLastModifiedTime(generated));

        write(templates.resolve("X-A.java.template"), "final class $Type$A {}");
        Expand.Summary changed = Expand.expandTree(templates, output, List.of("float"));
        assertEquals(List.of(generated), changed.written());
        assertEquals(List.of("final class FloatA {}"), Files.readAllLines(generated));
    }

    @Test
    @DisplayName("files whose template is gone are deleted; files the generator never wrote are kept")
    void staleFilesAreDeleted(@TempDir Path dir) throws IOException {
        Path templates = dir.resolve("templates");
        Path output = dir.resolve("out");
        write(templates.resolve("X-A.java.template"), "class $Type$A {}");
        write(templates.resolve("X-B.java.template"), "class $Type$B {}");
        write(output.resolve("Handwritten.java"), "class Handwritten {}");
        Expand.expandTree(templates, output, List.of("float", "double"));

        Files.delete(templates.resolve("X-B.java.template"));
        Expand.Summary summary = Expand.expandTree(templates, output, List.of("float", "double"));
        assertEquals(Set.of(output.resolve("FloatB.java"), output.resolve("DoubleB.java")),
                Set.copyOf(summary.deleted()));
        assertFalse(Files.exists(output.resolve("FloatB.java")));
        assertTrue(Files.exists(output.resolve("FloatA.java")));
        assertTrue(Files.exists(output.resolve("Handwritten.java")));
    }

    @Test
    @DisplayName("a misnamed template, a missing directory, no templates and an unknown type are errors")
    void treeErrors(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("out");
        Expand.TemplateException missing = assertThrows(Expand.TemplateException.class,
                () -> Expand.expandTree(dir.resolve("nowhere"), output, List.of("float")));
        assertTrue(missing.getMessage().contains("no template directory"), missing.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Expand.TemplateException none = assertThrows(Expand.TemplateException.class,
                () -> Expand.expandTree(empty, output, List.of("float")));
        assertTrue(none.getMessage().contains("no *.java.template"), none.getMessage());

        Path misnamed = dir.resolve("misnamed");
        write(misnamed.resolve("Kernels.java.template"), "class K {}");
        Expand.TemplateException name = assertThrows(Expand.TemplateException.class,
                () -> Expand.expandTree(misnamed, output, List.of("float")));
        assertTrue(name.getMessage().contains("X-Name.java.template"), name.getMessage());

        Expand.TemplateException type = assertThrows(Expand.TemplateException.class,
                () -> Expand.expandTree(misnamed, output, List.of("int")));
        assertTrue(type.getMessage().contains("unknown type 'int'"), type.getMessage());
    }

    static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }
}
