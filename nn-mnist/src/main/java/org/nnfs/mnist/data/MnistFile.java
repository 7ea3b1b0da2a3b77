package org.nnfs.mnist.data;

/**
 * The four files of the MNIST distribution, with the SHA-256 of their uncompressed content as published
 * alongside the data set. The hash is of the raw IDX bytes, so a file verifies the same whether it was
 * fetched gzipped from a mirror or raw from a package.
 */
public enum MnistFile {
    /** 60,000 training images, 28x28. */
    TRAIN_IMAGES("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    /** 60,000 training labels. */
    TRAIN_LABELS("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    /** 10,000 test images, 28x28. */
    TEST_IMAGES("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    /** 10,000 test labels. */
    TEST_LABELS("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** Suffix of the gzipped form the mirrors serve. */
    public static final String GZIP_SUFFIX = ".gz";

    private final String fileName;
    private final String sha256;

    MnistFile(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The canonical uncompressed file name, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** The canonical compressed file name, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzipFileName() {
        return fileName + GZIP_SUFFIX;
    }

    /** Lower-case hex SHA-256 of the uncompressed content. */
    public String sha256() {
        return sha256;
    }

    /** The files of one split: images first, then labels. */
    public static MnistFile[] of(MnistSplit split) {
        return split == MnistSplit.TRAIN
                ? new MnistFile[] {TRAIN_IMAGES, TRAIN_LABELS}
                : new MnistFile[] {TEST_IMAGES, TEST_LABELS};
    }

    @Override
    public String toString() {
        return fileName;
    }
}
