package org.nnfs.interop.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleBiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.nnfs.data.Standardizer;
import org.nnfs.init.Initializer;
import org.nnfs.layer.Rescale;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/** Models of every layer kind on MNIST-sized input, for the round trips through other formats. */
public final class ModelKinds {
    private static final int PIXELS = MnistSubset.PIXELS;

    private ModelKinds() {
    }

    /** A model to export, and what to set in it after it is built. */
    public record Kind(String name, Supplier<Sequential.Builder> builder, BiConsumer<Sequential, Backend> prepare) {
        /** The model on {@code backend} in {@code dtype}, seeded, prepared. */
        public Sequential build(Backend backend, DType dtype) {
            Sequential model = builder.get().init(Initializer.glorot()).seed(5).dtype(dtype).build(backend);
            prepare.accept(model, backend);
            return model;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One model of each layer kind the library builds (dense, every activation, softmax, dropout, rescale,
     * batch norm, layer norm).
     */
    public static List<Kind> all() {
        return List.of(
                new Kind("dense, relu, softmax", () -> Sequential.builder(PIXELS).dense(32).relu().dense(10).softmax(),
                        (m, b) -> { }),
                new Kind("sigmoid, tanh, dropout, logits out",
                        () -> Sequential.builder(PIXELS).dense(24).sigmoid().dropout(0.3).dense(16).tanh().dense(10),
                        (m, b) -> { }),
                new Kind("leaky relu", () -> Sequential.builder(PIXELS).dense(16)
                        .add("leaky_relu", java.util.Map.of("slope", "0.1")).dense(10).softmax(), (m, b) -> { }),
                new Kind("standardised input: a fitted rescale first",
                        () -> Sequential.builder(PIXELS).add(new Rescale()).dense(20).relu().dense(10).softmax(),
                        (m, b) -> Standardizer.meanStd(MnistSubset.images(), MnistSubset.COUNT, PIXELS).copyInto(m)),
                new Kind("rescale with center, scale and offset after a dense layer",
                        () -> Sequential.builder(PIXELS).dense(12).add(new Rescale()).tanh().dense(10).softmax(),
                        ModelKinds::setRescale),
                new Kind("batch norm in inference, with running statistics", () -> Sequential.builder(PIXELS).dense(16)
                        .batchNorm().relu().dense(10).softmax(), ModelKinds::setBatchNorm),
                new Kind("layer norm and gelu", () -> Sequential.builder(PIXELS).dense(16).layerNorm().gelu().dense(10),
                        ModelKinds::setLayerNorm));
    }

    /** Every backend, element type and kind: the arguments of a parameterized round trip. */
    public static Stream<Arguments> onEveryBackend() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : AllBackends.names()) {
            for (DType dtype : DType.values()) {
                for (Kind kind : all()) {
                    cases.add(Arguments.of(backend, dtype, kind));
                }
            }
        }
        return cases.stream();
    }

    /** The 200 test images on {@code backend}. */
    public static org.nnfs.tensor.Tensor images(Backend backend, DType dtype) {
        return backend.fromArray(MnistSubset.images(), MnistSubset.COUNT, PIXELS, dtype);
    }

    /** Gives layer 1, a rescale, a center, scale and offset that differ per feature. */
    private static void setRescale(Sequential model, Backend backend) {
        setLayer1(model, backend, (name, i) -> switch (name) {
            case "center" -> 0.1 * (i - 6);
            case "scale" -> 0.5 + 0.25 * (i % 3);
            default -> i % 2 == 0 ? 0.3 : -0.2;
        });
    }

    /**
     * Gives layer 1, a batch norm, a scale and shift and running statistics that differ per feature and from
     * their initial ones and zeros, so that an export that leaves any of them out (or mixes them up) shows.
     */
    private static void setBatchNorm(Sequential model, Backend backend) {
        setLayer1(model, backend, (name, i) -> switch (name) {
            case "gamma" -> 0.5 + 0.25 * (i % 4);
            case "beta" -> i % 2 == 0 ? 0.3 : -0.2;
            case "running_mean" -> 0.05 * (i - 8);
            case "running_var" -> 0.2 + 0.15 * (i % 5);
            default -> throw new IllegalArgumentException(name);
        });
    }

    /** Gives layer 1, a layer norm, a scale and shift that differ per feature. */
    private static void setLayerNorm(Sequential model, Backend backend) {
        setLayer1(model, backend, (name, i) -> name.equals("gamma") ? 0.5 + 0.25 * (i % 4) : 0.1 * (i % 3) - 0.1);
    }

    /** Sets every tensor of layer 1: element {@code i} of tensor {@code name} to {@code value(name, i)}. */
    private static void setLayer1(Sequential model, Backend backend, ToDoubleBiFunction<String, Integer> value) {
        for (ModelTensor t : model.tensors()) {
            if (t.layer() == 1) {
                double[] v = new double[t.value().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = value.applyAsDouble(t.spec().name(), i);
                }
                backend.copyFrom(v, t.value());
            }
        }
    }
}
