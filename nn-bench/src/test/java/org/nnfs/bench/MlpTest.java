package org.nnfs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** FLOP counts, checked against numbers worked out by hand. */
class MlpTest {

    @Test
    void forwardPassAtBatch512() {
        // 2 · 512 · (784·100 + 100·200 + 200·10) = 2 · 512 · 100,400
        assertEquals(102_809_600, Mlp.forwardFlops(512));
    }

    @Test
    void trainingStepIsThreeForwardPassesLessTheFirstInputGradient() {
        // 3 · 102,809,600 − 2 · 512 · 784 · 100
        assertEquals(228_147_200, Mlp.stepFlops(512));
    }

    @Test
    void theEightTrainingShapesAddUpToTheStep() {
        double sum = 0;
        for (GemmShape s : GemmShape.values()) {
            if (s.inTrainingStep()) {
                sum += s.flops();
            }
        }
        assertEquals(Mlp.stepFlops(512), sum);
        assertEquals(80_281_600, GemmShape.DX1.flops());
    }

    @Test
    void operandShapesFollowTheTransposes() {
        // dW1 = Xᵀ·dZ1: A is X [512, 784], B is dZ1 [512, 100]
        assertEquals(512, GemmShape.DW1.aRows());
        assertEquals(784, GemmShape.DW1.aCols());
        assertEquals(512, GemmShape.DW1.bRows());
        assertEquals(100, GemmShape.DW1.bCols());
        // dH1 = dZ2·W2ᵀ: A is dZ2 [512, 200], B is W2 [100, 200]
        assertEquals(512, GemmShape.DX2.aRows());
        assertEquals(200, GemmShape.DX2.aCols());
        assertEquals(100, GemmShape.DX2.bRows());
        assertEquals(200, GemmShape.DX2.bCols());
    }

    @Test
    void flopsPerBenchmark() {
        assertEquals(240_844_800, Flops.perOperation("DenseBenchmark.forwardBackward", Map.of("batch", "512")).getAsDouble());
        assertEquals(2_008_000_000, Flops.perOperation("InferenceBenchmark.classify", Map.of("rows", "10000")).getAsDouble());
        // 60,000 examples · 445,600 FLOPs each (228,147,200 / 512)
        assertEquals(26_736_000_000.0, Flops.perOperation("EpochBenchmark.epoch", Map.of("examples", "60000")).getAsDouble());
        assertEquals(true, Flops.perOperation("OpsBenchmark.biasAdd", Map.of()).isEmpty());
    }
}
