package org.nnfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Momentum;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Trainer;

/**
 * What {@link ModelFile#save} does to what is already at its path, and what it leaves behind: only a
 * regular file (or nothing) is replaced, a symbolic link's target rather than the link, permissions
 * are kept; a model holding a non-finite value is never written; failures name the path given, not a
 * temporary file; temporary files a killed writer left are removed by the next save.
 */
class ModelFileTargetTest {
    private final Backend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    private Sequential model(long seed) {
        return Sequential.builder(6).dense(4).relu().dense(3).softmax().seed(seed).build(backend);
    }

    private float[] firstWeights(Path file) throws IOException {
        return ModelFile.load(file, backend).parameters().get(0).value().toFloatArray();
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    @DisplayName("a folder or a named pipe at the path is refused and stays what it was")
    void onlyRegularFilesAreReplaced() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.nnfs"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(model(1), folder));
        assertTrue(e.getMessage().startsWith(folder + ": is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS));

        Path pipe = dir.resolve("pipe.nnfs");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        e = assertThrows(IOException.class, () -> ModelFile.save(model(1), pipe));
        assertTrue(e.getMessage().startsWith(pipe + ": is not a regular file"), e.getMessage());
        assertTrue(Files.readAttributes(pipe, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther(), "the pipe is still a pipe");
        assertEquals(Set.of("folder.nnfs", "pipe.nnfs"), names(), "no temporary file is left");
    }

    @Test
    @DisplayName("a symbolic link's target is replaced and the link stays; a dangling link gets its target")
    void linksAreFollowed() throws IOException {
        Path real = dir.resolve("real.nnfs");
        ModelFile.save(model(1), real);
        Path link = Files.createSymbolicLink(dir.resolve("link.nnfs"), Path.of("real.nnfs"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.nnfs"), Path.of("link.nnfs"));
        Sequential other = model(2);
        ModelFile.save(other, chain);
        assertTrue(Files.isSymbolicLink(chain) && Files.isSymbolicLink(link), "the links are still links");
        assertEquals(Path.of("real.nnfs"), Files.readSymbolicLink(link));
        assertArrayEquals(other.parameters().get(0).value().toFloatArray(), firstWeights(real));

        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.nnfs"), Path.of("sub", "made.nnfs"));
        ModelFile.save(other, dangling);
        assertTrue(Files.isSymbolicLink(dangling));
        assertTrue(Files.isRegularFile(sub.resolve("made.nnfs"), LinkOption.NOFOLLOW_LINKS));

        Path loop = Files.createSymbolicLink(dir.resolve("loop.nnfs"), Path.of("loop.nnfs"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(other, loop));
        assertTrue(e.getMessage().startsWith(loop + ": "), e.getMessage());
    }

    @Test
    @DisplayName("an existing file keeps its permissions; a new one gets those the umask gives")
    void permissions() throws IOException {
        Path existing = dir.resolve("shared.nnfs");
        ModelFile.save(model(1), existing);
        for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw-------"}) {
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString(mode));
            ModelFile.save(model(2), existing);
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
        }

        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe, StandardOpenOption.CREATE_NEW).close(); // created as any program creates a file
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(probe);
        Path fresh = dir.resolve("fresh.nnfs");
        ModelFile.save(model(1), fresh);
        assertEquals(umasked, Files.getPosixFilePermissions(fresh), "what any new file gets");
    }

    @Test
    @DisplayName("a failure names the path given, not the temporary file")
    void failuresNameThePath() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "text");
        Path target = notAFolder.resolve("m.nnfs");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(model(1), target));
        assertTrue(e.getMessage().startsWith(target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertEquals(Set.of("notes.txt"), names());
    }

    @Test
    @DisplayName("checkWritable reports an unusable path before any work and leaves nothing behind")
    void checkWritable() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "text");
        IOException e = assertThrows(IOException.class, () -> ModelFile.checkWritable(notAFolder.resolve("m.nnfs")));
        assertTrue(e.getMessage().startsWith(notAFolder.resolve("m.nnfs") + ": "), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.nnfs"));
        e = assertThrows(IOException.class, () -> ModelFile.checkWritable(folder));
        assertTrue(e.getMessage().startsWith(folder + ": is a directory"), e.getMessage());

        ModelFile.checkWritable(dir.resolve("new.nnfs"));
        ModelFile.checkWritable(dir.resolve("not").resolve("yet").resolve("made.nnfs"));
        assertEquals(Set.of("notes.txt", "folder.nnfs"), names(), "checking creates nothing");
    }

    @Test
    @DisplayName("a model holding a non-finite value is never written: the save names the tensor, the file stays")
    void nonFiniteValuesAreNotWritten() throws IOException {
        Path file = dir.resolve("good.nnfs");
        ModelFile.save(model(1), file);
        byte[] good = Files.readAllBytes(file);

        Sequential diverged = model(3);
        Tensor weight = diverged.parameters().get(0).value();
        float[] values = weight.toFloatArray();
        values[2 * weight.cols() + 1] = Float.NaN;
        backend.copyFrom(values, weight);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(diverged, file));
        assertTrue(e.getMessage().contains("'dense_0.weight'") && e.getMessage().contains("NaN at [2, 1]"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot save to " + file), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file), "the good model is untouched");

        Trainer trainer = Trainer.builder(model(4)).optimizer(new Momentum(0.1)).build();
        Tensor velocity = trainer.optimizerState().tensors().get(1);
        backend.copyFrom(new float[] {0, 0, Float.NEGATIVE_INFINITY, 0}, velocity);
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(trainer.checkpoint(), file));
        assertTrue(e.getMessage().contains("'optimizer.1'") && e.getMessage().contains("-Infinity at [0, 2]"),
                e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
        assertEquals(Set.of("good.nnfs"), names(), "no temporary file is left");
    }

    @Test
    @DisplayName("temporary files a killed writer left are removed by the next save; one being written stays")
    void staleTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.nnfs");
        Path stale = Files.write(dir.resolve(".m.nnfs.3kx8a1.tmp"), new byte[300]);
        Path busy = dir.resolve(".m.nnfs.9zz2q.tmp");
        Path foreign = Files.write(dir.resolve(".other.nnfs.3kx8a1.tmp"), new byte[3]);
        Path notOurs = Files.write(dir.resolve(".m.nnfs.notes"), new byte[3]);
        try (FileChannel writing = FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock lock = writing.lock()) {
            ModelFile.save(model(1), file);
            assertFalse(Files.exists(stale), "the abandoned file is removed");
            assertTrue(Files.exists(busy), "a file another writer holds is left alone");
            assertTrue(lock.isValid());
        }
        assertTrue(Files.exists(foreign) && Files.exists(notOurs), "files of other names are left alone");
        ModelFile.save(model(2), file);
        assertFalse(Files.exists(busy), "once its writer is gone, the next save removes it");
        assertEquals(List.of(".m.nnfs.notes", ".other.nnfs.3kx8a1.tmp", "m.nnfs"), names().stream().sorted().toList());
    }
}
