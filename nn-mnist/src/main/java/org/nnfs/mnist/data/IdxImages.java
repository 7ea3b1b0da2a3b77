package org.nnfs.mnist.data;

/**
 * The images of an IDX file: {@code count} images of {@code rows x cols} unsigned bytes, stored one
 * after the other in row-major order in {@code pixels}.
 *
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count * rows * cols} bytes; read them with {@code & 0xff}
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    /** Checks that the array holds exactly the images the dimensions describe. */
    public IdxImages {
        if (count < 0 || rows < 1 || cols < 1 || (long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("IdxImages: " + count + " images of " + rows + "x" + cols
                    + " do not fit " + pixels.length + " bytes");
        }
    }
}
