package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nnfs.io.ModelFile;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/**
 * The model file a {@code train} run writes ({@code --out}, or the {@code --resume} file): checked before
 * the first epoch, never one of the run's input files, written by one run at a time, rewritten after every
 * epoch. Its lock is {@code .NAME.lock} next to the file, holding the process id of the run: locked (an OS
 * file lock, released even when the process is killed) for as long as this is open, deleted when it is
 * closed.
 */
final class ModelOutput implements AutoCloseable {
    /**
     * The lock files this JVM holds. Another run in this JVM is refused without opening the file: closing
     * any descriptor of a file releases the POSIX locks the process holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path lockFile;
    private final FileChannel lock;
    /** Deletes the lock file when the JVM is stopped (SIGTERM, Ctrl-C) before this is closed. */
    private final Thread onShutdown;
    private boolean saved;

    private ModelOutput(Path file, Path lockFile, FileChannel lock) {
        this.file = file;
        this.lockFile = lockFile;
        this.lock = lock;
        this.onShutdown = new Thread(this::deleteLockFile, "nnfs-lock-file");
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    /**
     * Checks that {@code file} can be written (so that a bad path fails now, not after an epoch) and takes
     * its lock.
     *
     * @throws UserException when another run holds the lock
     * @throws IOException   naming {@code file} when it cannot be written
     */
    static ModelOutput open(Path file) throws IOException {
        ModelFile.checkWritable(file);
        Path real = realPath(file);
        Files.createDirectories(real.getParent());
        Path lockFile = real.resolveSibling("." + real.getFileName() + ".lock");
        if (!HELD.add(lockFile)) {
            throw new UserException(file + " is being written by another train run (process "
                    + ProcessHandle.current().pid() + "); wait for it to end, or give another --out");
        }
        try {
            return lock(file, lockFile);
        } catch (IOException | RuntimeException e) {
            HELD.remove(lockFile);
            throw e;
        }
    }

    /**
     * Locks {@code lockFile}. A run that ends deletes the lock file while holding its lock; one that opened
     * the file just before then locks a file no longer at the path. It tells so from the path naming another
     * file after the lock than before the open, and tries again. (Checked with stat, not by reading the
     * file: closing any descriptor of a file releases the POSIX locks the process holds on it.)
     */
    private static ModelOutput lock(Path file, Path lockFile) throws IOException {
        for (int attempt = 1; attempt <= 10; attempt++) {
            Object before = fileKey(lockFile);
            if (before == null) {
                Files.newByteChannel(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                continue;
            }
            try {
                if (channel.tryLock() == null) {
                    throw new UserException(file + " is being written by another train run" + holder(channel)
                            + "; wait for it to end, or give another --out");
                }
                if (before.equals(fileKey(lockFile))) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    return new ModelOutput(file, lockFile, channel);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
        }
        throw new IOException(file + ": could not take its lock " + lockFile);
    }

    /** What identifies the file at {@code path} (device and inode), or null when there is none. */
    private static Object fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null ? key : path; // no keys on this system: trust the path
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The file {@code file} names, links followed, also where it does not exist yet. */
    private static Path realPath(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            return absolute.toRealPath();
        }
        Path existing = absolute.getParent();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /** " (process N)", from what the holder wrote into the lock file, or nothing when it cannot be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Refuses to write the model over one of the run's input files, which it would destroy.
     *
     * @throws UserException naming both
     */
    void refuseInputs(List<Path> inputs) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (Path input : inputs) {
            if (Files.isSameFile(file, input)) {
                throw new UserException(file + " is an input of this run (" + input + "); the model written there "
                        + "would destroy it: give another --out");
            }
        }
    }

    /** Saves {@code checkpoint} to the file (atomically; see {@link ModelFile#save(Checkpoint, Path)}). */
    void save(Checkpoint checkpoint) throws IOException {
        ModelFile.save(checkpoint, file);
        saved = true;
    }

    /** Whether this run has written the file. */
    boolean saved() {
        return saved;
    }

    /** A listener that saves the trainer's checkpoint after every epoch. */
    TrainingListener checkpoints() {
        return new TrainingListener() {
            private Trainer trainer;

            @Override
            public void onStart(Trainer t, int firstEpoch, int lastEpoch) {
                trainer = t;
            }

            @Override
            public void onEpoch(EpochSummary summary) {
                try {
                    save(trainer.checkpoint());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Deletes the lock file, still holding its lock (see {@link #lock}), then releases it. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // Shutting down: the hook deletes the file.
        }
        try {
            Files.deleteIfExists(lockFile);
        } finally {
            lock.close();
            HELD.remove(lockFile);
        }
    }

    private void deleteLockFile() {
        try {
            Files.deleteIfExists(lockFile); // the lock is still held: the process ends next
        } catch (IOException e) {
            // Left: the next run locks and deletes it.
        }
    }
}
