package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nnfs.data.Dataset;
import org.nnfs.mnist.data.IdxReader;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistFile;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.report.Misclassified;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/** What the commands share between MNIST files and the library: loading, uploading, checking models. */
final class MnistData {
    /** Pixels per MNIST image. */
    static final int INPUTS = MnistLoader.SIDE * MnistLoader.SIDE;
    /** Images converted per copy while uploading: 3 MB of floats. */
    private static final int UPLOAD_ROWS = 1024;

    private MnistData() {
    }

    /** Loads the splits from {@code dir} (first {@code limit} examples of each) and says what it loaded. */
    static MnistDataset load(Path dir, MnistSplit split, int limit, PrintWriter out) throws IOException {
        MnistDataset d = MnistLoader.load(dir, split, limit);
        out.printf(Locale.ROOT, "%s set: %,d images from %s%n", split, d.count(), dir);
        return d;
    }

    /**
     * Uploads a split to the backend as a classification dataset (pixels scaled to [0, 1], one-hot targets),
     * converting a block of images at a time: the pixels as floats exist only in the backend's tensor, not
     * also in a host array four times the size of the bytes (188 MB for the training set).
     */
    static Dataset upload(MnistDataset d, Backend backend, DType dtype) {
        int n = d.pixelsPerImage();
        Tensor features = backend.zeros(d.count(), n, dtype);
        float[] block = new float[Math.min(UPLOAD_ROWS, d.count()) * n];
        for (int from = 0; from < d.count(); from += UPLOAD_ROWS) {
            int to = Math.min(d.count(), from + UPLOAD_ROWS);
            d.features(from, to, block);
            backend.copyRowsFrom(block, 0, features, from, to - from);
        }
        return Dataset.classification(features, d.labelsAsInts(), MnistDataset.CLASSES);
    }

    /** Fails with "FILE: model file not found" unless {@code file} exists, and names a directory as such. */
    static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        if (Files.isDirectory(file)) {
            throw new UserException(file + ": is a directory, not a model file");
        }
    }

    /** The files of the splits in {@code dir} that loading them reads (raw or gzipped, as found). */
    static List<Path> inputFiles(Path dir, MnistSplit... splits) {
        List<Path> files = new ArrayList<>();
        for (MnistSplit split : splits) {
            for (MnistFile f : MnistFile.of(split)) {
                MnistLoader.find(dir, f).ifPresent(files::add);
            }
        }
        return files;
    }

    /**
     * Fails unless the first {@code limit} examples of each split, as their files declare them, fit in what
     * this JVM can still give: their pixels, the features as floats while they are uploaded (one split at a
     * time) and the backend's copy in {@code dtype}. A file claiming 127,551 images in 97 KB of gzip is
     * refused here, not by an {@link OutOfMemoryError} after inflating it.
     */
    static void checkMemory(Path dir, int limit, DType dtype, MnistSplit... splits) throws IOException {
        long examples = 0;
        long largest = 0;
        for (MnistSplit split : splits) {
            Path images = MnistLoader.find(dir, MnistFile.of(split)[0]).orElse(null);
            if (images == null) {
                continue; // the loader names the missing file
            }
            long n = Math.min(IdxReader.declaredCount(images), limit);
            examples += n;
            largest = Math.max(largest, n);
        }
        long perExample = (long) INPUTS * (1 + dtype.bytes()) + (long) MnistDataset.CLASSES * (4 + dtype.bytes()) + 8;
        MemoryBudget.require(examples * perExample + largest * INPUTS * Float.BYTES,
                String.format(Locale.ROOT, "loading %,d images", examples), "use --limit N to load fewer");
    }

    /** Rejects a model that cannot classify MNIST digits. */
    static void requireMnistModel(Sequential model, Path file) {
        if (model.inputSize() != INPUTS || model.outputSize() != MnistDataset.CLASSES) {
            throw new UserException(file + ": the model takes " + model.inputSize() + " inputs and gives "
                    + model.outputSize() + " outputs; an MNIST classifier takes " + INPUTS + " and gives "
                    + MnistDataset.CLASSES);
        }
    }

    /**
     * The test examples the model gets wrong, in test-set order, with the probability it gave its choice.
     *
     * @param probabilities the model's outputs, {@code count x 10} row-major
     */
    static List<Misclassified> misclassified(MnistDataset test, float[] probabilities) {
        List<Misclassified> errors = new ArrayList<>();
        int k = MnistDataset.CLASSES;
        for (int i = 0; i < test.count(); i++) {
            int best = argmax(probabilities, i * k, k);
            if (best != test.label(i)) {
                errors.add(new Misclassified(i, test.image(i), test.label(i), best, probabilities[i * k + best]));
            }
        }
        return errors;
    }

    /** Index (relative to {@code from}) of the largest of {@code n} values. */
    static int argmax(float[] values, int from, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }
}
