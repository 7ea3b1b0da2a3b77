package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/** Mean squared error over all elements: {@code Σ (o - y)² / (n k)}, gradient {@code 2 (o - y) / (n k)}. */
public final class MeanSquaredError implements Loss {
    static final String TYPE = "mse";

    private final HostCopy outputs = new HostCopy();
    private final HostCopy targets = new HostCopy();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double compute(Tensor o, Tensor y, Tensor grad) {
        LossMath.checkShapes(TYPE, o, y, grad);
        double[] oh = outputs.of(o);
        double[] yh = targets.of(y);
        double sum = 0;
        for (int i = 0; i < o.size(); i++) {
            double d = oh[i] - yh[i];
            sum += d * d;
        }
        if (grad != null) {
            LossMath.scaledDifference(o, y, 2.0 / o.size(), grad);
        }
        return sum / o.size();
    }

    @Override
    public String toString() {
        return "MeanSquaredError()";
    }
}
