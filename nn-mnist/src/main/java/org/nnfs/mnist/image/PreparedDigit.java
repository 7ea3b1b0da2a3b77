package org.nnfs.mnist.image;

/**
 * A picture turned into the network's input: 28x28 grey values in [0, 1], white digit on black, the
 * digit scaled into a 20x20 box and centred by its centre of mass, as in MNIST.
 *
 * @param pixels   784 values, row-major
 * @param inverted whether the picture was a dark digit on a light background and was inverted
 */
public record PreparedDigit(float[] pixels, boolean inverted) {
    /** Side of the prepared image. */
    public static final int SIDE = 28;
}
