package org.nnfs.mnist.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's life in the cache: made by one run, checked, moved into place, mapped by the next; never used
 * when cut short, for another jar, or when the user chose their own sharing options. (Whether the JVM really
 * maps it is the relaunch's business; here the JVM's part is played by writing the file.)
 */
class ClassDataArchiveTest {
    private static final String RUNTIME = "/jdk 17.0.15";
    private static final List<String> OPTIONS = List.of("-Xmx1g");

    @TempDir
    Path dir;
    Path cache;
    Path jar;

    @BeforeEach
    void setUp() throws IOException {
        cache = dir.resolve("cds");
        jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
    }

    private ClassDataArchive archive() {
        return ClassDataArchive.of(cache, RUNTIME, jar.toString(), OPTIONS, 42);
    }

    /** Plays the second JVM that lists the classes it loads; returns the list it wrote. */
    private static Path listClasses(ClassDataArchive a) throws IOException {
        String option = a.options().get(0);
        assertTrue(option.startsWith("-XX:DumpLoadedClassList="), option);
        return Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "java/lang/Object id: 0\n");
    }

    /** Plays the JVM that writes the archive of the listed classes: an archive of {@code bytes} bytes. */
    private static BiPredicate<Path, Path> dump(int bytes) {
        return (classes, file) -> {
            assertEquals(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + file,
                    "-Xlog:cds*=off"), ClassDataArchive.dumpOptions(classes, file));
            try {
                Files.write(file, new byte[bytes]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        };
    }

    @Test
    @DisplayName("the first run makes the archive, a JVM must map it, then the next run maps it")
    void madeCheckedThenMapped() throws IOException {
        ClassDataArchive first = archive();
        assertNull(first.archive());
        Path classes = listClasses(first);
        Path[] written = new Path[1];
        Path[] checked = new Path[1];
        Path installed = first.finish(0, (list, file) -> {
            written[0] = file;
            return dump(1000).test(list, file);
        }, f -> {
            checked[0] = f;
            return true;
        });
        assertEquals(written[0], checked[0]);
        assertFalse(Files.exists(written[0]));
        assertFalse(Files.exists(classes));
        assertEquals(1000, Files.size(installed));
        ClassDataArchive next = archive();
        assertEquals(installed, next.archive());
        assertEquals(List.of("-XX:SharedArchiveFile=" + installed, "-XX:+VerifySharedSpaces", "-Xlog:cds*=off"),
                next.options());
        assertEquals(installed, next.finish(0, dump(1), f -> false), "a run that maps the archive leaves it alone");
    }

    @Test
    @DisplayName("a file cut short after it was checked is deleted, not mapped (the JVM would crash on it)")
    void cutShort() throws IOException {
        ClassDataArchive first = archive();
        listClasses(first);
        Path installed = first.finish(0, dump(1000), f -> true);
        Files.write(installed, new byte[10]);
        ClassDataArchive next = archive();
        assertNull(next.archive());
        assertFalse(Files.exists(installed));
    }

    @Test
    @DisplayName("a failed run installs nothing and tries again; a failed check stops trying for that key")
    void failures() throws IOException {
        ClassDataArchive first = archive();
        Path classes = listClasses(first);
        assertNull(first.finish(1, dump(1000), f -> true));
        assertFalse(Files.exists(classes));
        ClassDataArchive second = archive();
        assertNotNull(second);
        listClasses(second);
        assertNull(second.finish(0, dump(1000), f -> false));
        assertNull(archive(), "no run makes an archive this JVM cannot map again");
        try (Stream<Path> files = Files.list(cache)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".tmp")));
        }
    }

    @Test
    @DisplayName("a dump that fails installs nothing and is not tried again for that key")
    void dumpFails() throws IOException {
        ClassDataArchive first = archive();
        listClasses(first);
        boolean[] checked = new boolean[1];
        assertNull(first.finish(0, (list, file) -> false, f -> checked[0] = true));
        assertFalse(checked[0], "nothing to check");
        assertNull(archive());
    }

    @Test
    @DisplayName("a rebuilt jar, another JDK or other options get an archive of their own")
    void keyedByJarJdkAndOptions() throws IOException {
        ClassDataArchive first = archive();
        listClasses(first);
        assertNotNull(first.finish(0, dump(1000), f -> true));
        assertNull(ClassDataArchive.of(cache, RUNTIME, jar.toString(), List.of("-Xmx2g"), 42).archive());
        assertNull(ClassDataArchive.of(cache, "/jdk 17.0.16", jar.toString(), OPTIONS, 42).archive());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertNull(archive().archive());
    }

    @Test
    @DisplayName("only the newest archives are kept, and no temporary file of a stopped run older than an hour")
    void pruned() throws IOException {
        Files.createDirectories(cache);
        Path stale = Files.write(cache.resolve("nn-mnist-0.7.tmp"), new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        Path recent = Files.write(cache.resolve("nn-mnist-0.8.tmp"), new byte[10]);
        for (int i = 0; i < ClassDataArchive.KEEP + 2; i++) {
            ClassDataArchive a = ClassDataArchive.of(cache, RUNTIME, jar.toString(), List.of("-Dn=" + i), 42);
            listClasses(a);
            Path installed = a.finish(0, dump(100 + i), f -> true);
            Files.setLastModifiedTime(installed, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(ClassDataArchive.KEEP, files.filter(f -> f.toString().endsWith(".jsa")).count());
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(recent), "may be a run writing its archive now");
    }

    @Test
    @DisplayName("none for a class path that is not one jar, or when the user chose sharing options")
    void notApplicable() {
        assertNull(ClassDataArchive.of(cache, RUNTIME, jar + java.io.File.pathSeparator + jar, OPTIONS, 42));
        assertNull(ClassDataArchive.of(cache, RUNTIME, dir.toString(), OPTIONS, 42));
        assertNull(ClassDataArchive.of(cache, RUNTIME, dir.resolve("missing.jar").toString(), OPTIONS, 42));
        for (String option : List.of("-Xshare:off", "-XX:SharedArchiveFile=my.jsa", "-XX:ArchiveClassesAtExit=x.jsa")) {
            assertNull(ClassDataArchive.of(cache, RUNTIME, jar.toString(), List.of(option), 42), option);
        }
    }
}
