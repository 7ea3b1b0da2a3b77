package org.nnfs.mnist.data;

/** The two parts of MNIST: 60,000 training and 10,000 test examples. */
public enum MnistSplit {
    /** The training set. */
    TRAIN("train"),
    /** The test set. */
    TEST("test");

    private final String label;

    MnistSplit(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
