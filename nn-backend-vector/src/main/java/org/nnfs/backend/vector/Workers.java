package org.nnfs.backend.vector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed team of daemon threads that run one job in {@link #size()} parts, the calling thread
 * doing part 0. Built once per backend; a call allocates nothing.
 *
 * <p>Why not an {@code ExecutorService}: submitting allocates a task and a future per call, and a
 * {@code CountDownLatch} cannot be reused. Here a job is a long-lived object (the GEMM itself) and the
 * hand-off is a volatile generation counter: workers spin briefly (a training step issues GEMMs a few
 * microseconds apart, and waking a parked thread costs tens of microseconds), then park so that idle
 * workers cost nothing.
 *
 * <p>One job runs at a time; concurrent callers (a backend shared by threads working on distinct
 * tensors, or several backends of the same size) queue on a lock. Teams are shared per size through
 * {@link #ofSize}: the SPI has no way to close a backend, so a team per backend would leave parked
 * threads behind every backend a program creates; this way there is at most one team per size.
 */
final class Workers {
    private static final ConcurrentMap<Integer, Workers> TEAMS = new ConcurrentHashMap<>();

    /** The JVM's team of {@code size} threads (the caller included), started on first request. */
    static Workers ofSize(int size) {
        return TEAMS.computeIfAbsent(size, s -> new Workers(s, "nn-vector-" + s));
    }

    /**
     * A job split into numbered parts; part {@code i} runs on one thread. A job that splits into fewer
     * parts than there are threads returns at once from the parts it does not use.
     */
    interface Job {
        void run(int part);
    }

    /** Spin this long before parking, both waiting for work and waiting for the workers. */
    private static final long SPIN_NANOS = 50_000;

    private final Thread[] threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
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
     * Runs {@code job.run(0 .. size()-1)}, part 0 on the calling thread, and returns when all are done.
     * Every worker takes part in every job, so that no worker can still be looking at an older one.
     */
    void run(Job job) {
        if (threads.length == 0) {
            job.run(0);
            return;
        }
        lock.lock();
        try {
            this.job = job;
            this.caller = Thread.currentThread();
            this.failure = null;
            pending.set(threads.length);
            generation++; // publishes the fields above to the workers
            for (Thread t : threads) {
                LockSupport.unpark(t);
            }
            Throwable own = null;
            try {
                job.run(0);
            } catch (Throwable t) {
                own = t;
            }
            awaitWorkers();
            this.job = null;
            Throwable f = own != null ? own : failure;
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

    private void awaitWorkers() {
        long start = System.nanoTime();
        while (pending.get() != 0) {
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
            try {
                job.run(part);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
