package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The thread team's hand-off: every chunk runs exactly once per job, failures reach the caller. */
class WorkersTest {

    /** Counts how often each chunk ran, and checks that a part never runs two chunks at once. */
    private static final class Counting implements Workers.Job {
        final AtomicIntegerArray runs;
        final AtomicIntegerArray busy = new AtomicIntegerArray(8);
        volatile boolean overlap;

        Counting(int chunks) {
            runs = new AtomicIntegerArray(chunks);
        }

        @Override
        public void run(int chunk, int part) {
            if (busy.getAndIncrement(part) != 0) {
                overlap = true; // two threads with one part index would share scratch buffers
            }
            runs.incrementAndGet(chunk);
            busy.decrementAndGet(part);
        }

        void assertEachRan(int times) {
            for (int c = 0; c < runs.length(); c++) {
                assertEquals(times, runs.get(c), "chunk " + c);
            }
            assertTrue(!overlap, "a part ran two chunks at once");
        }
    }

    @Test
    @DisplayName("many consecutive jobs of varying sizes, from two job objects, run every chunk exactly once")
    void everyChunkOncePerJob() {
        Workers w = new Workers(3, "test-team");
        int[] sizes = {1, 2, 3, 7, 64};
        Counting[][] jobs = new Counting[2][sizes.length];
        for (int j = 0; j < 2; j++) {
            for (int s = 0; s < sizes.length; s++) {
                jobs[j][s] = new Counting(sizes[s]);
            }
        }
        int rounds = 5_000; // long enough to cross both the spinning and the parking path, and late wake-ups
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < sizes.length; s++) {
                w.run(jobs[r % 2][s], sizes[s]);
            }
        }
        for (Counting[] perJob : jobs) {
            for (Counting job : perJob) {
                job.assertEachRan(rounds / 2);
            }
        }
    }

    @Test
    @DisplayName("the caller is part 0, workers have distinct parts 1 .. size-1")
    void parts() {
        Workers w = new Workers(3, "test-parts");
        Thread[] seen = new Thread[3];
        Thread caller = Thread.currentThread();
        boolean[] wrong = new boolean[1];
        for (int r = 0; r < 200; r++) {
            w.run((chunk, part) -> {
                if ((part == 0) != (Thread.currentThread() == caller)) {
                    wrong[0] = true;
                }
                seen[part] = Thread.currentThread();
            }, 30);
        }
        assertTrue(!wrong[0], "part 0 must be the caller and only the caller");
        assertSame(caller, seen[0]);
    }

    @Test
    @DisplayName("a job run after the workers have parked still completes")
    void afterParking() throws InterruptedException {
        Workers w = new Workers(2, "test-park");
        Counting job = new Counting(16);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20); // far beyond the spin time: the worker is parked
            w.run(job, 16);
        }
        job.assertEachRan(3);
    }

    @Test
    @DisplayName("an exception in a chunk is rethrown to the caller after all chunks ran, and the team keeps working")
    void failuresReachTheCaller() {
        Workers w = new Workers(2, "test-fail");
        AtomicIntegerArray ran = new AtomicIntegerArray(8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run((chunk, part) -> {
            ran.incrementAndGet(chunk);
            if (chunk == 5) {
                throw new IllegalStateException("chunk 5 failed");
            }
        }, 8));
        assertEquals("chunk 5 failed", e.getMessage());
        for (int c = 0; c < 8; c++) {
            assertEquals(1, ran.get(c), "chunk " + c);
        }
        Counting job = new Counting(8);
        w.run(job, 8);
        job.assertEachRan(1);
    }

    @Test
    @DisplayName("two callers sharing a team each get all of their own chunks")
    void concurrentCallers() throws InterruptedException {
        Workers w = new Workers(2, "test-shared");
        Counting[] jobs = {new Counting(5), new Counting(9)};
        Thread[] callers = new Thread[2];
        for (int i = 0; i < 2; i++) {
            Counting job = jobs[i];
            int chunks = i == 0 ? 5 : 9;
            callers[i] = new Thread(() -> {
                for (int r = 0; r < 2_000; r++) {
                    w.run(job, chunks);
                }
            });
            callers[i].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        jobs[0].assertEachRan(2_000);
        jobs[1].assertEachRan(2_000);
    }

    @Test
    @DisplayName("a caller that finds the team busy runs every chunk itself, as part 0, instead of waiting")
    void busyTeamDoesNotBlock() throws Exception {
        Workers w = new Workers(2, "test-busy");
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Workers.Job slow = (chunk, part) -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread owner = new Thread(() -> w.run(slow, 2));
        owner.start();
        assertTrue(holding.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first job started");
        try {
            Counting job = new Counting(6);
            AtomicIntegerArray parts = new AtomicIntegerArray(2);
            Thread caller = new Thread(() -> w.run((chunk, part) -> {
                parts.incrementAndGet(part);
                job.run(chunk, part);
            }, 6));
            caller.start();
            caller.join(30_000);
            assertTrue(!caller.isAlive(), "the second caller waited for the busy team");
            job.assertEachRan(1);
            assertEquals(6, parts.get(0), "all on the caller");
        } finally {
            release.countDown();
            owner.join();
        }
    }

    @Test
    @DisplayName("a team of one runs every chunk on the caller")
    void teamOfOne() {
        Workers w = new Workers(1, "test-one");
        Counting job = new Counting(4);
        w.run(job, 4);
        job.assertEachRan(1);
        assertEquals(0, w.workerIds().length);
    }
}
