package org.nnfs.spark;

import java.util.ArrayList;
import java.util.List;

import org.nnfs.layer.Mode;
import org.nnfs.loss.Loss;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * A copy of the trained model on an executor's backend, with what a task needs to compute a part of a
 * batch: built once per training and slot, then loaded with the driver's values at every step.
 *
 * <p>Tensors travel in one order: the parameters (as {@code model.parameters()} lists them), then the
 * buffers, then, for local steps, the optimizer's state tensors.
 */
final class Replica {
    private final Sequential model;
    private final Backend backend;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final List<Tensor> synced;
    private final int parameterCount;
    private final Optimizer optimizer;
    private OptimizerState optimizerState;

    Replica(TrainingJob job, Backend backend) {
        this.backend = backend;
        model = job.blueprint.build(backend);
        loss = Registry.losses().parse(job.loss);
        optimizer = Registry.optimizers().parse(job.optimizer);
        parameters = model.parameters();
        synced = synced(model);
        parameterCount = parameters.size();
    }

    /** The parameters' values, then the buffers: what driver and executors exchange, in that order. */
    static List<Tensor> synced(Sequential model) {
        List<Tensor> all = TensorValues.values(model.parameters());
        for (ModelTensor t : model.tensors()) {
            if (!t.isParameter()) {
                all.add(t.value());
            }
        }
        return all;
    }

    /**
     * Forward and backward over {@code rows} of {@code block} with the model at {@code values}: the
     * parameters' mean gradients over the rows, then every buffer the forward pass changed.
     */
    StepResult gradient(PartitionBlock block, int[] rows, TensorValues values, long layerSeed) {
        values.writeTo(0, synced);
        StepResult part = forwardBackward(block, rows, layerSeed);
        TensorValues out = new TensorValues(synced.size(), model.dtype());
        for (int i = 0; i < parameterCount; i++) {
            out.set(i, parameters.get(i).grad());
        }
        for (int i = parameterCount; i < synced.size(); i++) {
            if (!values.matches(i, synced.get(i))) {
                out.set(i, synced.get(i));
            }
        }
        return new StepResult(part.rows, part.lossSum, part.correct, out);
    }

    /**
     * Local optimizer steps from the driver's {@code values} (parameters, buffers, then optimizer state
     * after {@code steps} steps), one per batch in {@code rowsPerBatch} that has rows here: the resulting
     * parameters, buffers and optimizer state.
     */
    StepResult localSteps(PartitionBlock block, int[][] rowsPerBatch, long[] layerSeeds, TensorValues values,
                          long steps) {
        if (optimizerState == null) {
            optimizerState = optimizer.newState(TensorValues.values(parameters));
        }
        List<Tensor> all = new ArrayList<>(synced);
        all.addAll(optimizerState.tensors());
        values.writeTo(0, all);
        OptimizerState local = new OptimizerState(steps, optimizerState.tensors());
        int rows = 0;
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < rowsPerBatch.length; b++) {
            if (rowsPerBatch[b].length == 0) {
                continue;
            }
            StepResult part = forwardBackward(block, rowsPerBatch[b], layerSeeds[b]);
            optimizer.step(parameters, local);
            rows += part.rows;
            lossSum += part.lossSum;
            correct += part.correct;
        }
        return new StepResult(rows, lossSum, correct, TensorValues.of(all));
    }

    /** One forward and backward pass over the rows; the gradients stay in the parameters. */
    private StepResult forwardBackward(PartitionBlock block, int[] rows, long layerSeed) {
        int n = rows.length;
        float[] x = new float[n * block.inputs];
        float[] y = new float[n * block.outputs];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            System.arraycopy(block.features, r * block.inputs, x, i * block.inputs, block.inputs);
            if (block.labels != null) {
                y[i * block.outputs + block.labels[r]] = 1;
            } else {
                System.arraycopy(block.targets, r * block.outputs, y, i * block.outputs, block.outputs);
            }
        }
        model.reseed(layerSeed);
        Tensor out = model.forward(backend.fromArray(x, n, block.inputs, model.dtype()), Mode.TRAINING);
        long correct = 0;
        if (block.labels != null) {
            int[] predicted = new int[n];
            backend.argmaxRows(out, predicted);
            for (int i = 0; i < n; i++) {
                if (predicted[i] == block.labels[rows[i]]) {
                    correct++;
                }
            }
        }
        double meanLoss = model.backward(loss, backend.fromArray(y, n, block.outputs, model.dtype()));
        return new StepResult(n, meanLoss * n, correct, null);
    }
}
