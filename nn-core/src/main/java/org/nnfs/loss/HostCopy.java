package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/** A reusable host-side double copy of a tensor, grown only when a larger tensor arrives. */
final class HostCopy {
    private double[] data = new double[0];

    double[] of(Tensor t) {
        if (data.length < t.size()) {
            data = new double[t.size()];
        }
        t.backend().copyTo(t, data);
        return data;
    }
}
