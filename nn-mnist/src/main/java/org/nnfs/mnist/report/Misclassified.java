package org.nnfs.mnist.report;

/**
 * A test example the model got wrong.
 *
 * @param index      position in the test set
 * @param pixels     the 28x28 image, values in [0, 1]
 * @param actual     its true class
 * @param predicted  the class the model chose
 * @param confidence the probability the model gave its choice
 */
public record Misclassified(int index, float[] pixels, int actual, int predicted, double confidence) {
}
