package org.nnfs.mnist.serve;

import java.util.concurrent.atomic.LongAdder;

import org.nnfs.model.InferencePass;
import org.nnfs.model.Sequential;

/**
 * The model behind the server: each thread that classifies gets its own {@link InferencePass}, made on its
 * first request and kept, so requests run in parallel with no lock and, once warm, no model buffers to make.
 */
public final class DigitClassifier {
    private final Sequential model;
    private final String source;
    private final ThreadLocal<InferencePass> passes;
    private final LongAdder inferences = new LongAdder();

    /**
     * @param model  an MNIST classifier (784 inputs, 10 outputs)
     * @param source where it came from (a file name), for {@code /v1/model}
     */
    public DigitClassifier(Sequential model, String source) {
        this.model = model;
        this.source = source;
        this.passes = ThreadLocal.withInitial(model::newInferencePass);
    }

    /** The probabilities of the ten digits for each of {@code rows} images given row-major in {@code pixels}. */
    float[] probabilities(float[] pixels, int rows) {
        float[] p = passes.get().predict(pixels, rows);
        inferences.add(rows);
        return p;
    }

    /** Images classified so far. */
    long inferences() {
        return inferences.sum();
    }

    Sequential model() {
        return model;
    }

    String source() {
        return source;
    }
}
