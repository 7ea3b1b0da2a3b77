package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/**
 * A reusable host-side double array for a tensor's values, grown only when a larger tensor arrives:
 * read a tensor into it ({@link #of}), or fill it and write it to one ({@link #sized}, {@link #store}).
 */
final class HostCopy {
    private double[] data = new double[0];

    /** The values of {@code t}, row-major, valid until the next call. */
    double[] of(Tensor t) {
        t.backend().copyTo(t, sized(t.size()));
        return data;
    }

    /** The array, at least {@code size} long, to fill before {@link #store}. */
    double[] sized(int size) {
        if (data.length < size) {
            data = new double[size];
        }
        return data;
    }

    /** Writes the first {@code t.size()} values of the array into {@code t}. */
    void store(Tensor t) {
        t.backend().copyFrom(data, t);
    }
}
