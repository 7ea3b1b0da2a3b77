package org.nnfs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.data.Dataset;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;

/** Epochs are counted in an {@code int}: a training reaches the largest count and goes no further. */
class TrainerEpochLimitTest {
    private final Backend backend = new ReferenceBackend();
    private final Dataset data = Dataset.classification(backend, DType.FLOAT32, new float[] {0, 1, 1, 0}, 2, 2,
            new int[] {0, 1}, 2);

    private Trainer resumedAfter(int epochs) {
        Sequential model = Sequential.builder(2).dense(2).softmax().build(backend);
        Optimizer sgd = new Sgd(0.1);
        TrainingState state = TestStates.plain(sgd, sgd.newState(model.parameters().stream().map(p -> p.value()).toList()),
                new CrossEntropy(), 1, epochs, List.of(), OptionalInt.empty(), OptionalInt.empty());
        return Trainer.resume(Checkpoint.of(model, state));
    }

    @Test
    @DisplayName("a run resumed after epoch 2^31 - 2 trains epoch 2^31 - 1, then refuses more")
    void theLastEpoch() {
        Trainer trainer = resumedAfter(Integer.MAX_VALUE - 1);
        FitOptions one = FitOptions.builder().epochs(1).batchSize(2).build();
        History history = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> trainer.fit(data, one));
        assertEquals(Integer.MAX_VALUE, trainer.epochsCompleted());
        assertEquals(Integer.MAX_VALUE, history.epochs().get(history.epochs().size() - 1).epoch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data, one));
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        assertEquals(Integer.MAX_VALUE, trainer.epochsCompleted(), "nothing trained");
    }

    @Test
    @DisplayName("more epochs than the count can reach are refused before the first one")
    void beyondTheCount() {
        Trainer trainer = resumedAfter(5);
        FitOptions all = FitOptions.builder().epochs(Integer.MAX_VALUE).batchSize(2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data, all));
        assertTrue(e.getMessage().contains("5 epochs") && e.getMessage().contains("2147483647"), e.getMessage());
        assertEquals(5, trainer.epochsCompleted());
    }
}
