package org.nnfs.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands Java source templates into one class per element type, in the manner of the JDK's {@code Spp}
 * (which writes {@code FloatVector}, {@code DoubleVector}... from {@code X-Vector.java.template}).
 *
 * <pre>
 * java Expand.java TEMPLATES OUTPUT [TYPE...]      (TYPE: float, double; default both)
 * </pre>
 *
 * Every {@code X-Name.java.template} below {@code TEMPLATES} becomes {@code FloatName.java},
 * {@code DoubleName.java}... at the same relative path below {@code OUTPUT}. The syntax:
 * <ul>
 * <li>{@code $key$} is replaced by the type's value of {@code key}, see {@link #TYPES}: {@code $type$}
 *     ({@code float}), {@code $Type$} ({@code Float}), {@code $Boxed$}, {@code $Vector$}
 *     ({@code FloatVector}), {@code $other$} and {@code $Other$} (the other one of float and double, for
 *     conversions). An unknown key is an error, so a typo never reaches the compiler as text.</li>
 * <li>A line holding only {@code #if[float]}, {@code #else[float]} or {@code #end[float]} (or
 *     {@code [!float]}; blocks nest) keeps the lines between them for that type only.</li>
 * </ul>
 * <b>Line numbers are preserved by construction:</b> a directive line, and every line a condition leaves
 * out, becomes an empty line, so line N of {@code FloatName.java} is line N of the template and a stack
 * trace points into the template.
 *
 * <p>Files are rewritten only when their text changes, so an unchanged template does not make the
 * compiler run again; files a previous run wrote that no template produces any more are deleted (the
 * list is kept in {@value #MANIFEST} in {@code OUTPUT}, which therefore belongs to one run).
 *
 * <p>One source file with no dependency beyond the JDK: the build runs it with the Java launcher at
 * {@code generate-sources}, before anything is compiled, without installing an artifact.
 */
public final class Expand {
    /** The keys of each type; every type defines the same keys. */
    static final Map<String, Map<String, String>> TYPES = Map.of(
            "float", keys("float", "Float", "Float", "double"),
            "double", keys("double", "Double", "Double", "float"));

    /** Where the files of the last run are listed, relative to the output directory. */
    static final String MANIFEST = ".expanded";

    private static final String SUFFIX = ".java.template";
    private static final String PREFIX = "X-";
    private static final Pattern KEY = Pattern.compile("\\$([A-Za-z][A-Za-z0-9_]*)\\$");
    private static final Pattern DIRECTIVE = Pattern.compile("#(if|else|end)\\[(!?)([A-Za-z][A-Za-z0-9_]*)]");

    private Expand() {
    }

    private static Map<String, String> keys(String type, String typeName, String boxed, String other) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("type", type);
        keys.put("Type", typeName);
        keys.put("Boxed", boxed);
        keys.put("Vector", typeName + "Vector");
        keys.put("other", other);
        keys.put("Other", Character.toUpperCase(other.charAt(0)) + other.substring(1));
        return Map.copyOf(keys);
    }

    /** A mistake in a template or in the arguments; the message names the file and line. */
    static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    /** What one run did. */
    record Summary(int templates, List<Path> written, List<Path> unchanged, List<Path> deleted) {
        @Override
        public String toString() {
            return (written.size() + unchanged.size()) + " files from " + templates + " templates: " + written.size()
                    + " written, " + unchanged.size() + " unchanged, " + deleted.size() + " stale deleted";
        }
    }

    /** Runs {@link #expandTree}; prints one line, or the error and exit status 1. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java Expand.java TEMPLATES OUTPUT [TYPE...]   (TYPE: "
                    + String.join(", ", new TreeSet<>(TYPES.keySet())) + "; default float double)");
            System.exit(2);
        }
        List<String> types = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("float", "double");
        try {
            Summary summary = expandTree(Path.of(args[0]), Path.of(args[1]), types);
            System.out.println("Expand: " + summary + " (" + args[0] + " -> " + args[1] + ")");
        } catch (TemplateException | IOException | UncheckedIOException e) {
            System.err.println("Expand: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Expands every {@code X-*.java.template} below {@code templates} once per type into {@code output}.
     *
     * @throws TemplateException if a template is malformed, misnamed, or none is found
     */
    static Summary expandTree(Path templates, Path output, List<String> types) throws IOException {
        for (String t : types) {
            if (!TYPES.containsKey(t)) {
                throw new TemplateException("unknown type '" + t + "'. Expected one of "
                        + new TreeSet<>(TYPES.keySet()) + ".");
            }
        }
        if (!Files.isDirectory(templates)) {
            throw new TemplateException("no template directory " + templates.toAbsolutePath());
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(templates)) {
            sources = walk.filter(p -> p.getFileName().toString().endsWith(".template")).sorted()
                    .collect(Collectors.toList());
        }
        if (sources.isEmpty()) {
            throw new TemplateException("no *" + SUFFIX + " below " + templates.toAbsolutePath());
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        Set<String> produced = new TreeSet<>();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
                throw new TemplateException(source + ": a template is named " + PREFIX + "Name" + SUFFIX
                        + " (the X stands for the type), got " + name);
            }
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            Path dir = templates.relativize(source).getParent();
            for (String type : types) {
                Map<String, String> keys = TYPES.get(type);
                String javaName = keys.get("Type")
                        + name.substring(PREFIX.length(), name.length() - ".template".length());
                Path relative = dir == null ? Path.of(javaName) : dir.resolve(javaName);
                Path target = output.resolve(relative);
                String text = String.join("\n", expand(source.toString(), lines, keys, Set.of(type))) + "\n";
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                    unchanged.add(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                    written.add(target);
                }
                produced.add(relative.toString().replace('\\', '/'));
            }
        }
        List<Path> deleted = deleteStale(output, produced);
        Files.write(output.resolve(MANIFEST), produced, StandardCharsets.UTF_8);
        return new Summary(sources.size(), written, unchanged, deleted);
    }

    /** Deletes the files the last run listed that this run did not produce. */
    private static List<Path> deleteStale(Path output, Set<String> produced) throws IOException {
        Path manifest = output.resolve(MANIFEST);
        List<Path> deleted = new ArrayList<>();
        if (Files.exists(manifest)) {
            for (String previous : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (!previous.isBlank() && !produced.contains(previous)) {
                    Path stale = output.resolve(previous);
                    if (Files.deleteIfExists(stale)) {
                        deleted.add(stale);
                    }
                }
            }
        }
        return deleted;
    }

    /**
     * The template's lines for one type: keys replaced, directive lines and lines left out by a condition
     * made empty, so that the result has exactly as many lines as {@code lines}.
     *
     * @param source     the template's name, for messages
     * @param keys       the values of {@code $key$}
     * @param conditions the condition names that hold (e.g. {@code float}); any name of {@link #TYPES} may be
     *                   tested
     * @throws TemplateException for an unknown key or condition, or unbalanced directives
     */
    static List<String> expand(String source, List<String> lines, Map<String, String> keys, Set<String> conditions) {
        Deque<Block> open = new ArrayDeque<>();
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = source + ":" + (i + 1);
            String trimmed = line.strip();
            if (trimmed.startsWith("#if") || trimmed.startsWith("#else") || trimmed.startsWith("#end")) {
                directive(where, i + 1, trimmed, open, conditions);
                out.add("");
            } else if (open.stream().allMatch(Block::taking)) {
                out.add(substitute(where, line, keys));
            } else {
                out.add("");
            }
        }
        if (!open.isEmpty()) {
            Block b = open.peek();
            throw new TemplateException(source + ":" + b.line + ": #if[" + b.condition + "] is never closed by #end["
                    + b.condition + "]");
        }
        return out;
    }

    /** An open {@code #if} block: its condition text, whether its current branch is kept, where it began. */
    private static final class Block {
        final String condition;
        final int line;
        boolean holds;
        boolean inElse;

        Block(String condition, int line, boolean holds) {
            this.condition = condition;
            this.line = line;
            this.holds = holds;
        }

        boolean taking() {
            return inElse != holds;
        }
    }

    private static void directive(String where, int line, String trimmed, Deque<Block> open, Set<String> conditions) {
        Matcher m = DIRECTIVE.matcher(trimmed);
        if (!m.matches()) {
            throw new TemplateException(where + ": a directive is #if[key], #else[key] or #end[key] (key may be "
                    + "negated with !), alone on its line; got '" + trimmed + "'");
        }
        String kind = m.group(1);
        String condition = m.group(2) + m.group(3);
        if (kind.equals("if")) {
            if (!TYPES.containsKey(m.group(3))) {
                throw new TemplateException(where + ": unknown condition '" + m.group(3) + "'. Expected one of "
                        + new TreeSet<>(TYPES.keySet()) + ".");
            }
            boolean holds = conditions.contains(m.group(3)) != m.group(2).equals("!");
            open.push(new Block(condition, line, holds));
            return;
        }
        Block b = open.peek();
        if (b == null || !b.condition.equals(condition)) {
            throw new TemplateException(where + ": #" + kind + "[" + condition + "] does not match "
                    + (b == null ? "any open #if" : "the open #if[" + b.condition + "] of line " + b.line));
        }
        if (kind.equals("else")) {
            if (b.inElse) {
                throw new TemplateException(
                        where + ": a second #else[" + condition + "] for the #if of line " + b.line);
            }
            b.inElse = true;
        } else {
            open.pop();
        }
    }

    private static String substitute(String where, String line, Map<String, String> keys) {
        if (line.indexOf('$') < 0) {
            return line;
        }
        Matcher m = KEY.matcher(line);
        StringBuilder sb = new StringBuilder(line.length() + 16);
        while (m.find()) {
            String value = keys.get(m.group(1));
            if (value == null) {
                throw new TemplateException(where + ": unknown key $" + m.group(1) + "$. Expected one of "
                        + keys.keySet().stream().sorted().map(k -> "$" + k + "$").collect(Collectors.toList()) + ".");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
