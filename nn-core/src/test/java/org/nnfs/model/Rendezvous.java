package org.nnfs.model;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.LayerRunner;
import org.nnfs.layer.Mode;
import org.nnfs.tensor.Tensor;

/**
 * A test layer that passes its input through, but in inference waits until {@code parties} threads are
 * inside its forward pass at the same time: a model holding it proves that inference calls on one model
 * run concurrently. Under a lock the first caller would wait alone, and the barrier would time out.
 */
final class Rendezvous implements Layer {
    private final CyclicBarrier barrier;

    Rendezvous(int parties) {
        barrier = new CyclicBarrier(parties);
    }

    @Override
    public String type() {
        return "rendezvous";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new LayerRunner() {
            @Override
            public Tensor forward(Tensor input, Mode mode) {
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("inference calls did not overlap: " + e, e);
                }
                return input;
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
                return gradOutput;
            }
        };
    }
}
