package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The thread team's hand-off: every part runs exactly once per job, failures reach the caller. */
class WorkersTest {

    @Test
    @DisplayName("each of many consecutive jobs runs every part exactly once, part 0 on the caller")
    void everyPartOncePerJob() {
        Workers w = new Workers(3, "test-team");
        AtomicIntegerArray counts = new AtomicIntegerArray(3);
        Thread caller = Thread.currentThread();
        Thread[] part0 = new Thread[1];
        int jobs = 20_000; // long enough to cross both the spinning and the parking path
        for (int i = 0; i < jobs; i++) {
            w.run(part -> {
                counts.incrementAndGet(part);
                if (part == 0) {
                    part0[0] = Thread.currentThread();
                }
            });
        }
        assertArrayEquals(new int[] {jobs, jobs, jobs}, new int[] {counts.get(0), counts.get(1), counts.get(2)});
        assertSame(caller, part0[0]);
    }

    @Test
    @DisplayName("a job run after the workers have parked still completes")
    void afterParking() throws InterruptedException {
        Workers w = new Workers(2, "test-park");
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20); // far beyond the spin time: the worker is parked
            w.run(counts::incrementAndGet);
        }
        assertEquals(3, counts.get(0));
        assertEquals(3, counts.get(1));
    }

    @Test
    @DisplayName("an exception in a worker's part is rethrown to the caller, and the team keeps working")
    void failuresReachTheCaller() {
        Workers w = new Workers(2, "test-fail");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        }));
        assertEquals("part 1 failed", e.getMessage());
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        w.run(counts::incrementAndGet);
        assertEquals(1, counts.get(1));
    }

    @Test
    @DisplayName("a team of one runs the job on the caller alone")
    void teamOfOne() {
        Workers w = new Workers(1, "test-one");
        AtomicIntegerArray counts = new AtomicIntegerArray(1);
        w.run(counts::incrementAndGet);
        assertEquals(1, counts.get(0));
        assertEquals(0, w.workerIds().length);
    }
}
