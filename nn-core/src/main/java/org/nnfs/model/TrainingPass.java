package org.nnfs.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.internal.RowBuffers;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Mode;
import org.nnfs.loss.Head;
import org.nnfs.loss.Loss;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Tensor;

/**
 * Forward and backward passes over a model on one thread: training runners of every layer, reading the
 * model's shared tensors and writing gradients this pass owns. One pass per thread that computes
 * gradients (a data-parallel trainer sums several passes' gradients before one optimizer step).
 */
final class TrainingPass {
    private final Sequential model;
    private final LayerRunner[] runners;
    private final List<Parameter> parameters;
    private final RowBuffers outputGrads;
    private Tensor lastOutput;

    TrainingPass(Sequential model) {
        this.model = model;
        int count = model.layers().size();
        runners = new LayerRunner[count];
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Tensor> gradients = new LinkedHashMap<>();
            for (ModelTensor t : model.layerTensors(i).values()) {
                if (t.isParameter()) {
                    Tensor grad = model.backend().zeros(t.value().rows(), t.value().cols(), model.dtype());
                    gradients.put(t.spec().name(), grad);
                    params.add(new Parameter(t.name(), t.value(), grad, t.spec().decay()));
                }
            }
            runners[i] = model.layers().get(i).runner(new RunnerContext(model, i, gradients, true));
        }
        parameters = Collections.unmodifiableList(params);
        outputGrads = new RowBuffers(model.backend(), model.dtype(), model.outputSize());
    }

    /** See {@link Sequential#forward}. */
    Tensor forward(Tensor input, Mode mode) {
        model.checkInput(input);
        Tensor x = input;
        for (int i = 0; i < runners.length; i++) { // indexed: an iterator here allocated per step
            x = runners[i].forward(x, mode);
        }
        lastOutput = x;
        return x;
    }

    /** See {@link Sequential#backward}. */
    double backward(Loss loss, Tensor target) {
        if (lastOutput == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        Tensor grad = outputGrads.get(lastOutput.rows());
        int last = runners.length - 1;
        double value;
        Head.Kind head = model.head().kind();
        if (head == Head.Kind.SOFTMAX && loss.fusesWithSoftmax()) {
            value = loss.softmaxGradient(lastOutput, target, grad);
            last--;
        } else if (head == Head.Kind.SIGMOID && loss.fusesWithSigmoid()) {
            value = loss.sigmoidGradient(lastOutput, target, grad);
            last--;
        } else {
            value = loss.compute(lastOutput, target, grad);
        }
        for (int i = last; i >= 0; i--) {
            grad = runners[i].backward(grad, i > 0);
        }
        return value;
    }

    /** The model's parameters with this pass's gradients, in layer order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** See {@link Sequential#reseed}. */
    void reseed(long seed) {
        for (int i = 0; i < runners.length; i++) {
            runners[i].reseed(seed * 31 + i);
        }
    }
}
