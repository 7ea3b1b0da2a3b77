package org.nnfs.mnist.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * A class-data sharing archive (the JDK's AppCDS) of the classes the second JVM loads: made by the first run of
 * a jar, mapped by every run after it, so that the second JVM starts from classes already parsed and verified,
 * with their lambdas linked, instead of loading them from the jar. Measured with the dynamic archive this
 * class made at first (see below why it is now a static dump) on the MNIST one-step run
 * ({@code train --epochs 1 --limit 512}, medians of 7, load 1.6): through {@code java -jar} its epoch line came
 * at 1.13 s instead of 1.22 s, with 2.02 s of CPU instead of 2.28 s; the second JVM alone (load 3.1) began
 * its step at 0.69 s instead of 1.18 s.
 *
 * <p>A run that finds no archive for its jar, JDK and options starts the second JVM with
 * {@code -XX:DumpLoadedClassList}, which lists the classes it loads (and the lambdas it links) as it runs. When
 * it ended well, a third JVM writes the archive from that list ({@code -Xshare:dump}, about 2 s of one core,
 * once per jar) and a fourth must map it ({@code -Xshare:on ... -version}), because the JDK 17 JVM crashes on a
 * truncated archive rather than ignoring it; only a file that passed is moved into place, atomically, under a
 * name that holds its size, and a file whose size no longer matches is deleted, not used. Runs with an archive
 * add {@code -XX:+VerifySharedSpaces} (a checksum: a changed byte turns sharing off for that run instead of
 * breaking it); sharing stays {@code auto}, so a JVM the archive does not fit runs without it, and the JVM's
 * messages about archives are off, as standard output is the program's.
 *
 * <p>Why not the simpler {@code -XX:ArchiveClassesAtExit} (a dynamic archive written by the run itself as it
 * exits): on JDK 17 it also stores which methods were waiting in the JIT's queue at that moment, and a JVM
 * mapping the archive then never compiles them (JDK-8306460, fixed in JDK 21). Measured here: an archive made
 * at the end of a one-step run left the vector backend's ReLU derivative interpreted in every later run
 * (epochs of 0.8-1.1 s instead of 0.5-0.6 s); one made with earlier compilation
 * ({@code -XX:CompileThresholdScaling}) left most kernels interpreted (6-7 s an epoch). The static dump runs no
 * application code, so nothing in it is waiting for the JIT.
 *
 * <p>Nothing is archived when the class path is not one jar (an IDE, the tests), when the user gave options of
 * class-data sharing, when the cache directory cannot be written, or with {@code -D}{@value #SWITCH}
 * {@code =false}. Archives live in the per-user cache, named by a hash of the JDK, the jar (path, size, time)
 * and the JVM options; a rebuilt jar gets a new one, and only the {@value #KEEP} newest are kept.
 */
final class ClassDataArchive {
    /** System property that turns archives off when {@code false}. */
    static final String SWITCH = "nn.mnist.classDataSharing";
    /** Archives kept in the cache directory, newest first. */
    static final int KEEP = 4;
    private static final String PREFIX = "nn-mnist-";
    private static final String SUFFIX = ".jsa";
    private static final String QUIET = "-Xlog:cds*=off";

    private final Path directory;
    private final String key;
    private final Path archive;
    private final Path pending;
    private final Path classList;

    private ClassDataArchive(Path directory, String key, Path archive, Path pending, Path classList) {
        this.directory = directory;
        this.key = key;
        this.archive = archive;
        this.pending = pending;
        this.classList = classList;
    }

    /**
     * The archive for a second JVM started with {@code options} on {@code classPath}: the one in
     * {@code directory} if there is a sound one, else one to make in this run; null when none applies.
     *
     * @param runtime what identifies the JDK (its home and version)
     */
    static ClassDataArchive of(Path directory, String runtime, String classPath, List<String> options, long pid) {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH)) || options.stream().anyMatch(ClassDataArchive::isSharingOption)
                || classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        try {
            Path jar = Path.of(classPath).toAbsolutePath();
            StringBuilder id = new StringBuilder(runtime).append('\0').append(jar).append('\0').append(Files.size(jar))
                    .append('\0').append(Files.getLastModifiedTime(jar).toMillis());
            options.forEach(o -> id.append('\0').append(o));
            String key = hash(id.toString());
            Files.createDirectories(directory);
            Path found = null;
            for (Path f : archives(directory, PREFIX + key + "-", SUFFIX)) {
                if (found == null && sizeInName(f) == Files.size(f)) {
                    found = f;
                } else {
                    Files.deleteIfExists(f); // cut short, or a duplicate
                }
            }
            if (found == null && Files.exists(directory.resolve(PREFIX + key + ".failed"))) {
                return null; // this JVM could not use an archive it made: do not try on every run
            }
            if (found != null) {
                return new ClassDataArchive(directory, key, found, null, null);
            }
            return new ClassDataArchive(directory, key, null, directory.resolve(PREFIX + key + "." + pid + ".tmp"),
                    directory.resolve(PREFIX + key + "." + pid + ".classes.tmp"));
        } catch (IOException | RuntimeException e) {
            return null; // no cache directory, an unreadable jar: run without an archive
        }
    }

    /** The second JVM's options for this archive: map it, or list the classes to make it of. */
    List<String> options() {
        if (archive != null) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+VerifySharedSpaces", QUIET);
        }
        return List.of("-XX:DumpLoadedClassList=" + classList, QUIET);
    }

    /** Options that make a JVM write the archive {@code file} of the classes in {@code classList}, then exit. */
    static List<String> dumpOptions(Path classList, Path file) {
        return List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + file, QUIET);
    }

    /** Options that make a JVM map {@code file} or fail: how {@link #finish}'s check starts its JVM. */
    static List<String> checkOptions(Path file) {
        return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + file, "-XX:+VerifySharedSpaces", QUIET);
    }

    /** The archive this run maps, or null when it makes one. */
    Path archive() {
        return archive;
    }

    /**
     * After the second JVM ended with {@code exitCode}: when it was listing the classes and succeeded, has
     * {@code dump} write the archive from the list ({@code dump.test(classList, file)}, true when it did), moves
     * the file into place if {@code maps} says a JVM can map it, else remembers that this key failed; removes the
     * temporary files in every case. Returns the archive now in place, or null.
     */
    Path finish(int exitCode, BiPredicate<Path, Path> dump, Predicate<Path> maps) {
        if (pending == null) {
            return archive;
        }
        try {
            if (exitCode != 0 || !Files.isRegularFile(classList) || Files.size(classList) == 0) {
                return null; // a failed or stopped run: try again next time
            }
            if (!dump.test(classList, pending) || !Files.isRegularFile(pending) || Files.size(pending) == 0
                    || !maps.test(pending)) {
                Files.writeString(directory.resolve(PREFIX + key + ".failed"), "", StandardCharsets.UTF_8);
                return null;
            }
            Path target = directory.resolve(PREFIX + key + "-" + Files.size(pending) + SUFFIX);
            Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune();
            return target;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            try {
                Files.deleteIfExists(pending);
                Files.deleteIfExists(classList);
            } catch (IOException e) {
                // Left behind in the cache; harmless.
            }
        }
    }

    /**
     * Deletes all but the {@value #KEEP} newest archives, and temporary files more than an hour old (left by
     * runs that were stopped while they wrote one).
     */
    private void prune() throws IOException {
        List<Path> archives = archives(directory, PREFIX, SUFFIX);
        archives.sort((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified()));
        for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        for (Path tmp : archives(directory, PREFIX, ".tmp")) {
            if (tmp.toFile().lastModified() < hourAgo) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * The files in {@code directory} whose names start with {@code prefix} and end with {@code suffix}. (Names
     * are compared as text: a glob would compile a regular expression, which costs the launching JVM more than
     * the listing.)
     */
    private static List<Path> archives(Path directory, String prefix, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    /** The size an archive's name says it has, or -1. */
    private static long sizeInName(Path f) {
        String name = f.getFileName().toString();
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static boolean isSharingOption(String o) {
        return o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")
                || o.contains("SharedClassListFile") || o.contains("DumpLoadedClassList")
                || o.contains("AutoCreateSharedArchive");
    }

    /**
     * 64 bits of two different 32-bit hashes. Not a message digest, whose providers take the launching JVM some
     * 40 ms to set up: a collision would only offer the JVM an archive that it then declines, as it checks the
     * jar, the JDK and the options recorded in the archive itself.
     */
    private static String hash(String s) {
        CRC32C crc = new CRC32C();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue() << 32 | (s.hashCode() & 0xFFFF_FFFFL));
    }
}
