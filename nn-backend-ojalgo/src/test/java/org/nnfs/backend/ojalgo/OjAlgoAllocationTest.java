package org.nnfs.backend.ojalgo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.KernelWorkload;
import org.nnfs.tensor.Tensor;

/**
 * The team rule "no allocation per operation once outputs exist", measured with HotSpot's per-thread
 * allocation counter through the public operations, so nn-core's argument checks count too.
 */
class OjAlgoAllocationTest {
    private static final int ROUNDS = 1000;

    private final OjAlgoBackend be = new OjAlgoBackend(1);
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long allocatedBy(Runnable work) {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 3 * ROUNDS; i++) {
            work.run(); // warm up: class initialisation and first-call effects are not per-call costs
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < ROUNDS; i++) {
            work.run();
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    @DisplayName("element-wise, row and column kernels allocate nothing, float32 and float64")
    void kernelsAllocateNothing() {
        for (DType dtype : DType.values()) {
            KernelWorkload work = new KernelWorkload(be, dtype);
            long bytes = allocatedBy(work);
            // Thousands of calls: anything allocated per call would show up as tens of kilobytes.
            assertTrue(bytes < 4096, dtype + ": " + work.operations() + " operations x " + ROUNDS + " rounds allocated "
                    + bytes + " bytes");
        }
    }

    @Test
    @DisplayName("GEMM allocates only ojAlgo's few small objects per call, nothing of the operands' size")
    void gemmAllocatesNothingSized() {
        Tensor a = be.zeros(96, 80);
        Tensor b = be.zeros(80, 70);
        Tensor at = be.zeros(80, 96);
        Tensor bt = be.zeros(70, 80);
        Tensor c = be.zeros(96, 70);
        long bytes = allocatedBy(() -> {
            be.gemm(false, false, 1, a, b, 0, c);
            be.gemm(true, false, 0.5, at, b, 1, c);
            be.gemm(false, true, 1, a, bt, 0.5, c);
            be.gemm(true, true, 2, at, bt, 0, c);
        });
        long perCall = bytes / (4L * ROUNDS);
        // The smallest operand here is 70 x 80 floats, 22 KB; ojAlgo's own per-call objects are far below 2 KB.
        assertTrue(perCall < 2048, "GEMM allocated " + perCall + " bytes per call");
    }
}
