package org.nnfs.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file whole: the new content goes to a temporary file in the target's directory
 * ({@code .NAME.<random>.tmp}), is forced to disk and renamed over the target, so a crash or a kill at
 * any moment leaves the old file or the new one, never a mixture.
 *
 * <p>Only a regular file, or nothing, is replaced: a directory, a device, a pipe or a socket at the path
 * is refused (renaming over {@code /dev/null} would turn the device into a file). A symbolic link is
 * followed and its target replaced, so the link stays. A replaced file keeps its permissions (and its
 * owner and group, where the writer may set them); a new one gets those the umask gives any new file.
 *
 * <p>Temporary files are locked while written. Those of a process that is shut down (SIGTERM, Ctrl-C)
 * are deleted by a shutdown hook; those a killed process left (SIGKILL, a crash) are deleted by the next
 * write of the same target, which tells them from one being written by their lock. Every failure names
 * the path the caller gave, not the temporary file.
 */
final class AtomicReplace {
    /** Writes the new content into the temporary file's channel. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** As many links as Linux follows in one path (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;
    private static final Pattern RANDOM = Pattern.compile("[0-9a-z]{1,13}");
    private static final String SUFFIX = ".tmp";

    private AtomicReplace() {
    }

    /** Replaces the file at {@code path} (or creates it, and its directories) with {@code content}. */
    static void replace(Path path, Content content) throws IOException {
        Path target = target(path);
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure(path, "cannot create its directory " + dir, e);
        }
        removeAbandoned(target);
        String notWritten = Files.exists(target) ? "not written, the previous file is unchanged" : "not written";
        try (Temporary temp = Temporary.create(path, target)) {
            try {
                content.writeTo(temp.channel);
                temp.channel.force(true);
                temp.moveOver(target);
            } catch (IOException e) {
                throw failure(path, notWritten, e);
            }
        }
    }

    /**
     * Fails, naming {@code path}, when {@link #replace} could not write there now: something other than a
     * regular file is at the path, or its directory (or the nearest existing one above it) does not let this
     * process create files (as the system's access check answers: permissions, a read-only file system).
     * Creates nothing.
     */
    static void check(Path path) throws IOException {
        Path target = target(path);
        Path dir = target.getParent();
        while (!Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (!Files.isDirectory(dir)) {
            throw new FileSystemException(path.toString(), null, dir + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new FileSystemException(path.toString(), null, "cannot create a file in " + dir
                    + " (permission denied, or a read-only file system)");
        }
    }

    /**
     * The file {@code path} names, its links followed: a regular file or nothing.
     *
     * @throws FileSystemException naming {@code path} when something else is there
     */
    private static Path target(Path path) throws IOException {
        Path p = path.toAbsolutePath();
        try {
            for (int links = 0; ; links++) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return p; // nothing there yet
                }
                if (attributes.isSymbolicLink()) {
                    if (links == MAX_LINKS) {
                        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
                    }
                    p = p.resolveSibling(Files.readSymbolicLink(p)); // not normalized: ".." follows the real parent
                    continue;
                }
                if (attributes.isDirectory()) {
                    throw new FileSystemException(path.toString(), null, "is a directory; only a regular file (or "
                            + "nothing) is replaced");
                }
                if (!attributes.isRegularFile()) {
                    throw new FileSystemException(path.toString(), null, "is not a regular file (a device, a pipe or "
                            + "a socket); only a regular file (or nothing) is replaced");
                }
                return p;
            }
        } catch (FileSystemException e) {
            if (path.toString().equals(e.getFile())) {
                throw e;
            }
            throw failure(path, "cannot be written", e);
        }
    }

    /**
     * Deletes the temporary files of {@code target} that no writer holds: what a killed process left. Doing
     * so is a courtesy, so a directory that cannot be listed, or a file that cannot be opened, is left as it is.
     */
    private static void removeAbandoned(Path target) {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(target.getParent(),
                p -> isTemporary(p.getFileName().toString(), prefix))) {
            for (Path temp : temps) {
                // Never open one this JVM writes: closing any descriptor of a file releases the process's locks on it.
                if (Writing.FILES.contains(temp) || !Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                     FileLock lock = channel.tryLock()) {
                    if (lock != null) {
                        Files.deleteIfExists(temp); // deleted while locked: see Temporary.create
                    }
                } catch (IOException | OverlappingFileLockException e) {
                    // Being written (by this JVM when the lock overlaps), not ours to open, or no locks here.
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Left for a later write.
        }
    }

    private static boolean isTemporary(String name, String prefix) {
        return name.startsWith(prefix) && name.endsWith(SUFFIX) && name.length() > prefix.length() + SUFFIX.length()
                && RANDOM.matcher(name.substring(prefix.length(), name.length() - SUFFIX.length())).matches();
    }

    /** An {@link IOException} naming {@code path}: what failed and the system's reason, keeping the cause. */
    private static FileSystemException failure(Path path, String what, IOException cause) {
        FileSystemException e = new FileSystemException(path.toString(), null, what + " (" + reason(cause) + ")");
        e.initCause(cause);
        return e;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The temporary files being written by this JVM, deleted if it shuts down first. Threads keep running
     * while shutdown hooks run, so once shutdown has begun no new temporary file is created either.
     */
    private static final class Writing {
        static final Set<Path> FILES = ConcurrentHashMap.newKeySet();
        /** Held around registering and creating a file, so the hook never lists the files between the two. */
        private static final Object CREATING = new Object();
        private static boolean shuttingDown; // guarded by CREATING

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Writing::deleteAll, "nnfs-temporary-files"));
            } catch (IllegalStateException e) {
                shuttingDown = true; // the hooks have run or are running
            }
        }

        /**
         * Registers {@code p}, then creates it for writing. Registered first, so a SIGTERM landing the moment
         * the file appears still finds it to delete.
         *
         * @return the file's channel, or null (and nothing created) once shutdown has begun
         * @throws FileAlreadyExistsException when something is at {@code p} already (left unregistered)
         */
        static FileChannel create(Path p) throws IOException {
            synchronized (CREATING) {
                if (shuttingDown) {
                    return null;
                }
                FILES.add(p);
                try {
                    return FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (IOException | RuntimeException e) {
                    FILES.remove(p);
                    throw e;
                }
            }
        }

        private static void deleteAll() {
            synchronized (CREATING) {
                shuttingDown = true; // waits for a file being created, which is then in FILES
            }
            for (Path p : FILES) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the next write of its target.
                }
            }
        }
    }

    /** An open, locked temporary file next to the target; closing it deletes it unless it was moved. */
    private static final class Temporary implements AutoCloseable {
        private final Path path;
        private final FileChannel channel; // holds the lock until closed

        private Temporary(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /**
         * Creates {@code .NAME.<random>.tmp} next to {@code target} (without permissions of its own, so the
         * umask applies), locks it, and gives it the target's permissions when the target exists.
         */
        static Temporary create(Path user, Path target) throws IOException {
            String prefix = "." + target.getFileName() + ".";
            for (int attempt = 1; ; attempt++) {
                String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, Character.MAX_RADIX);
                Path p = target.resolveSibling(prefix + random + SUFFIX);
                FileChannel channel;
                try {
                    channel = Writing.create(p);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 100) {
                        throw failure(user, "cannot create a temporary file in " + target.getParent(), e);
                    }
                    continue;
                } catch (IOException e) {
                    throw failure(user, "cannot create a file in " + target.getParent(), e);
                }
                if (channel == null) {
                    throw new FileSystemException(user.toString(), null, "not written: the JVM is shutting down");
                }
                boolean ours;
                try {
                    FileLock lock = channel.tryLock();
                    // A cleaner may have taken the new file for abandoned between its creation and the lock; it
                    // deletes while holding the lock, so once the lock is ours the file is there, or gone.
                    ours = lock != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                } catch (OverlappingFileLockException e) {
                    ours = false; // a cleaner of this JVM holds it and deletes it
                } catch (IOException e) {
                    ours = true; // no locks on this file system: written unlocked, and never taken for abandoned
                }
                Temporary temp = new Temporary(p, channel);
                if (ours) {
                    try {
                        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                            keepAttributes(target, p);
                        }
                        return temp;
                    } catch (IOException e) {
                        temp.close();
                        throw failure(user, "cannot give the new file the permissions of the old", e);
                    }
                }
                temp.release();
            }
        }

        /** Gives {@code copy} the permissions, and where allowed the owner and group, of {@code original}. */
        private static void keepAttributes(Path original, Path copy) throws IOException {
            PosixFileAttributeView from = Files.getFileAttributeView(original, PosixFileAttributeView.class);
            PosixFileAttributeView to = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
            if (from == null || to == null) {
                return; // not a POSIX file system: the new file is as the system makes files
            }
            PosixFileAttributes was = from.readAttributes();
            PosixFileAttributes is = to.readAttributes();
            // Only root may give a file away, and a user may choose only among their own groups: where that is
            // refused the file stays the writer's own, as any file they write.
            try {
                if (!was.group().equals(is.group())) {
                    to.setGroup(was.group());
                }
                if (!was.owner().equals(is.owner())) {
                    to.setOwner(was.owner());
                }
            } catch (IOException e) {
                // See above.
            }
            to.setPermissions(was.permissions()); // after the owner, whose change may clear set-id bits
        }

        /** Renames this file over {@code target}, atomically where the file system can. */
        void moveOver(Path target) throws IOException {
            try {
                Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        /** Closes and unlocks the file, leaving it where it is. */
        private void release() throws IOException {
            try {
                channel.close(); // releases the lock
            } finally {
                Writing.FILES.remove(path);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(path); // still locked: no cleaner takes it meanwhile
            } finally {
                release();
            }
        }
    }
}
