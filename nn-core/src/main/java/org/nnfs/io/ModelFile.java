package org.nnfs.io;

import java.io.IOException;
import java.nio.file.Path;

import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.train.Checkpoint;

/**
 * Saves and loads models, optionally with the state that continues their training, in a versioned,
 * backend-independent binary format (never Java serialization).
 *
 * <pre>{@code
 * ModelFile.save(model, path);                                    // weights and buffers
 * ModelFile.save(trainer.checkpoint(), path);                     // and the training state
 * Sequential model = ModelFile.load(path, backend);
 * Trainer trainer = Trainer.resume(ModelFile.loadCheckpoint(path, backend));
 * }</pre>
 *
 * <p>Layout, all integers little-endian: the magic {@code NNFSMODL}, the format version, the header
 * length; a UTF-8 JSON header naming the model's layers, initializer and (optionally) loss and optimizer
 * by their registered names and settings, with a table of the tensors that follow; the tensors'
 * values; a CRC-32 of everything before it. See {@code docs/model-format.md}. This library writes
 * version {@value #VERSION} and reads versions 1 and 2.
 *
 * <p>Readers check the length, magic, version, the header and its tensor table against the file's size
 * and against the tensors the layers declare, then the checksum, before allocating any tensor, so a
 * truncated, corrupted or foreign file gets an {@link InvalidModelFileException}, never an
 * {@link OutOfMemoryError}. Reading builds components by registered name only (an allow-list): a file
 * cannot make the library load a class.
 *
 * <p>Nothing is written that a reader would refuse: writers refuse components the registry could not
 * rebuild, a header a reader would not accept, and any non-finite value. They write a temporary file in
 * the target's directory, force it to disk and rename it over the target, so a crash never leaves a
 * half-written model behind; only a regular file (or nothing) is replaced, a symbolic link's target
 * rather than the link, and a replaced file keeps its permissions.
 */
public final class ModelFile {
    /** The format version this library writes. */
    public static final int VERSION = Format.VERSION_2;

    private ModelFile() {
    }

    /**
     * Writes the model's architecture, weights and buffers to {@code path}, atomically.
     *
     * @throws IllegalArgumentException when a layer or the initializer is not registered, a layer does not
     *                                  rebuild from its registered name and settings, or the model holds a
     *                                  non-finite value (the file would not load, or not be of use); the
     *                                  file at {@code path} is then left as it was
     * @throws IOException              naming {@code path}, when something other than a regular file is
     *                                  there or the file cannot be written
     */
    public static void save(Sequential model, Path path) throws IOException {
        save(Checkpoint.of(model), path);
    }

    /**
     * Writes the model and, when present, its training state (optimizer settings, step count and state
     * tensors, loss, seed, progress, history, batch and training-set size) to {@code path}, atomically.
     *
     * @throws IllegalArgumentException when a component is not registered or does not rebuild from its
     *                                  registered name and settings, a tensor holds a non-finite value, or
     *                                  the header would be longer than a reader accepts (a history of some
     *                                  80,000 epochs); the file at {@code path} is then left as it was
     * @throws IOException              naming {@code path}, when something other than a regular file is
     *                                  there or the file cannot be written
     */
    public static void save(Checkpoint checkpoint, Path path) throws IOException {
        ModelFileWriter.write(path, checkpoint.model(), checkpoint.training());
    }

    /**
     * Checks, creating nothing, that {@link #save} could write {@code path} now: a long run calls it before
     * its first epoch rather than learn at its first save that the path is a directory or its directory
     * takes no files.
     *
     * @throws IOException naming {@code path} and the problem
     */
    public static void checkWritable(Path path) throws IOException {
        AtomicReplace.check(path);
    }

    /** Reads a model onto {@code backend}; training state in the file, if any, is not read. */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return ModelFileReader.read(path, backend, false).model();
    }

    /**
     * Reads a model and, when the file holds one, its training state onto {@code backend}; continue
     * training with {@code Trainer.resume(checkpoint)}.
     */
    public static Checkpoint loadCheckpoint(Path path, Backend backend) throws IOException {
        return ModelFileReader.read(path, backend, true);
    }
}
