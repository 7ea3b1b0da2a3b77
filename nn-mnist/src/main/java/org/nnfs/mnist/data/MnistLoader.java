package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a split of MNIST from a directory holding the IDX files, raw ({@code train-images-idx3-ubyte})
 * or gzipped ({@code train-images-idx3-ubyte.gz}); the raw name wins when both are there.
 */
public final class MnistLoader {
    /** Image side length of MNIST. */
    public static final int SIDE = 28;

    private MnistLoader() {
    }

    /** The whole split. */
    public static MnistDataset load(Path dir, MnistSplit split) throws IOException {
        return load(dir, split, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} examples of the split. Both files are still checked against each other:
     * their declared counts must agree, images must be 28x28 and labels 0..9.
     */
    public static MnistDataset load(Path dir, MnistSplit split, int limit) throws IOException {
        MnistFile[] files = MnistFile.of(split);
        Path imageFile = require(dir, files[0]);
        Path labelFile = require(dir, files[1]);
        int imageCount = IdxReader.declaredCount(imageFile);
        int labelCount = IdxReader.declaredCount(labelFile);
        if (imageCount != labelCount) {
            throw new IdxFormatException(imageFile, imageCount + " images but " + labelFile.getFileName() + " has "
                    + labelCount + " labels; the counts must be equal");
        }
        IdxImages images = IdxReader.readImages(imageFile, limit);
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new IdxFormatException(imageFile, "images are " + images.rows() + "x" + images.cols()
                    + ", MNIST images are " + SIDE + "x" + SIDE);
        }
        byte[] labels = IdxReader.readLabels(labelFile, limit);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= MnistDataset.CLASSES) {
                throw new IdxFormatException(labelFile, "label " + (labels[i] & 0xff) + " at index " + i
                        + " is outside 0..9");
            }
        }
        return new MnistDataset(split.toString(), images.rows(), images.cols(), images.pixels(), labels);
    }

    /** The file for {@code file} in {@code dir}, raw name first, then gzipped; empty if neither exists. */
    public static Optional<Path> find(Path dir, MnistFile file) {
        for (String name : new String[] {file.fileName(), file.gzipFileName()}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path require(Path dir, MnistFile file) throws IOException {
        return find(dir, file).orElseThrow(() -> new NoSuchFileException(dir.resolve(file.fileName()).toString(), null,
                "missing (neither " + file.fileName() + " nor " + file.gzipFileName() + " is in " + dir + ")"));
    }
}
