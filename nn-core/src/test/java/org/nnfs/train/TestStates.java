package org.nnfs.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.nnfs.loss.Loss;
import org.nnfs.optim.ConstantSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;

/** Training states of plain runs (constant rate, no clipping, no early stopping), for tests that need one by hand. */
public final class TestStates {
    private TestStates() {
    }

    /** A state whose batching is recorded when both sizes are given (the last partial batch kept). */
    public static TrainingState plain(Optimizer optimizer, OptimizerState state, Loss loss, long seed, int epochs,
                                      List<EpochSummary> history, OptionalInt batchSize, OptionalInt trainingSetSize) {
        ConstantSchedule schedule = new ConstantSchedule(0);
        Optional<Batching> batching = batchSize.isPresent() && trainingSetSize.isPresent()
                ? Optional.of(new Batching(batchSize.getAsInt(), trainingSetSize.getAsInt(), 0, PartialBatch.KEEP))
                : Optional.empty();
        return new TrainingState(optimizer, state, schedule, schedule.newState(optimizer.learningRate()), loss,
                GradientClipping.none(), seed, epochs, history, batching, Optional.empty(), Map.of());
    }
}
