package org.nnfs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;

/**
 * Tasks that fail mid-epoch are retried by Spark ({@code local[2,4]}: four attempts per task) and the
 * trained weights are bit for bit those of a run without failures.
 */
class FaultToleranceTest {
    /** Injected failures so far (local mode: the tasks run in this JVM). */
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static final Examples DATA = new Examples(200, 6, 3);
    private static DistributedDataset data;

    @BeforeAll
    static void data() {
        data = DistributedDataset.classification(DATA.frame(2), "features", "label", DATA.classes);
    }

    @AfterAll
    static void free() {
        data.close();
    }

    @ParameterizedTest(name = "{0} step(s) per synchronisation")
    @ValueSource(ints = {1, 3})
    void failedTasksAreRetriedAndChangeNothing(int stepsPerSync) {
        Sequential clean = train(stepsPerSync, TrainingJob.TaskHook.NONE);
        FAILURES.set(0);
        // The first attempt of the tasks of a step in the middle of the epoch fails; Spark runs them again.
        Sequential faulty = train(stepsPerSync, (epoch, batch, partition) -> {
            if (batch == 3 && TaskContext.get().attemptNumber() == 0) { // both partitions' tasks of batch 4 of 5
                FAILURES.incrementAndGet();
                throw new RuntimeException("injected failure: batch " + batch + ", partition " + partition);
            }
        });
        assertEquals(2, FAILURES.get(), "both partitions' first attempts should have failed");
        for (int i = 0; i < clean.tensors().size(); i++) {
            assertArrayEquals(clean.tensors().get(i).value().toDoubleArray(),
                    faulty.tensors().get(i).value().toDoubleArray(), clean.tensors().get(i).name());
        }
    }

    private static Sequential train(int stepsPerSync, TrainingJob.TaskHook hook) {
        Sequential model = SingleMachineEquivalenceTest.model();
        DistributedTrainer.builder(model).optimizer(new Adam(0.01, 0.9, 0.999, 1e-8, 0)).seed(9).backend("vector")
                .stepsPerSync(stepsPerSync).taskHook(hook).build()
                .fit(data, 1, 40); // 5 batches
        return model;
    }
}
