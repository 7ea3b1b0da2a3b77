package org.nnfs.backend.vector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed team of daemon threads that, with the calling thread, work through the chunks of one
 * job. Built once per thread count; a call allocates nothing.
 *
 * <p>Why not an {@code ExecutorService}: submitting allocates a task and a future per call, and a
 * {@code CountDownLatch} cannot be reused. Here a job is a long-lived object (the GEMM itself) and
 * chunks are handed out from an atomic counter, first come, first served. The caller takes chunks
 * itself and then waits only for chunks that a worker has <em>started</em>, never for a worker to wake
 * up: on a machine shared with other processes a worker may not run for milliseconds, and the caller
 * then simply does all the chunks (measured: waiting for every worker to check in made a 2-thread
 * product of the MNIST MLP's small layers five times slower than one thread under load).
 *
 * <p>Workers spin briefly for the next job (a training step issues GEMMs microseconds apart, and waking
 * a parked thread costs tens of microseconds), then park, so that idle workers cost nothing.
 *
 * <p>One job runs at a time. A caller that finds the team busy (several backends of the same size used by
 * threads at once) does not queue: it runs all of its chunks itself, as part 0. Teams are shared per
 * size through {@link #ofSize}: the SPI has no way to close a backend, so a team per backend would leave
 * parked threads behind every backend a program creates; this way there is at most one team per size.
 */
final class Workers {
    /** A job cut into numbered chunks; {@code part} identifies the thread (0 is the caller), for scratch space. */
    interface Job {
        void run(int chunk, int part);
    }

    private static final ConcurrentMap<Integer, Workers> TEAMS = new ConcurrentHashMap<>();

    /** Spin this long before parking, waiting for work or for the last chunks to finish. */
    private static final long SPIN_NANOS = 50_000;

    private final Thread[] threads;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The chunk count of the current job in the high 32 bits and the next chunk to hand out in the low 32
     * bits, so that a thread takes a chunk index and the count it belongs to in one atomic step. Set last
     * when a job starts (which publishes the job's fields) and to 0, "no chunks", when it ends. A worker
     * that wakes late thus either finds no chunk or takes a chunk of the job now running, never an index
     * of one job checked against the count of another.
     */
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile long generation;
    private volatile Job job;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** @param size the number of threads a job may use, the caller included; at least 1 */
    Workers(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        threads = new Thread[size - 1];
        for (int i = 0; i < threads.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> loop(part), name + "-" + part);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    /** The JVM's team of {@code size} threads (the caller included), started on first request. */
    static Workers ofSize(int size) {
        return TEAMS.computeIfAbsent(size, s -> new Workers(s, "nn-vector-" + s));
    }

    /** The number of threads a job may use, the caller included. */
    int size() {
        return threads.length + 1;
    }

    /** The ids of the worker threads (not the caller's), for allocation counters. */
    long[] workerIds() {
        long[] ids = new long[threads.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = threads[i].getId();
        }
        return ids;
    }

    /**
     * Runs {@code job.run(chunk, part)} for every chunk in {@code [0, chunks)}, each exactly once, on the
     * calling thread and whichever workers are free, and returns when all chunks are done.
     */
    void run(Job job, int chunks) {
        if (threads.length == 0 || chunks <= 1 || !lock.tryLock()) {
            for (int c = 0; c < chunks; c++) {
                job.run(c, 0);
            }
            return;
        }
        try {
            this.job = job;
            this.caller = Thread.currentThread();
            this.failure = null;
            done.set(0);
            next.set((long) chunks << 32); // from here on, workers may take chunks of this job
            generation++;
            for (Thread t : threads) {
                LockSupport.unpark(t);
            }
            work(0);
            awaitChunks(chunks);
            next.set(0);
            this.job = null;
            Throwable f = failure;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes and runs chunks until none is left. A failure is kept for the caller and still counts as
     * done; the thread finishing the last chunk wakes the caller.
     */
    private void work(int part) {
        while (true) {
            long taken = next.getAndIncrement();
            int chunk = (int) taken;
            int chunks = (int) (taken >>> 32);
            if (chunk >= chunks) {
                return;
            }
            try {
                job.run(chunk, part);
            } catch (Throwable t) {
                failure = t;
            }
            if (done.incrementAndGet() == chunks && part != 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Waits until every chunk is done: they are all taken by now, so only running ones are left. */
    private void awaitChunks(int chunks) {
        long start = System.nanoTime();
        while (done.get() != chunks) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void loop(int part) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (generation == seen) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            work(part);
        }
    }
}
