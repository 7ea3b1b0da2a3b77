package org.nnfs.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.spark.TaskContext;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.train.EpochOrder;

/**
 * What an executor JVM keeps between tasks: backends, each with the models built on it, and the
 * visiting order of recent epochs. Static, because an executor runs the tasks of many jobs in one JVM
 * and Spark offers no other place for state that outlives a task.
 *
 * <p><b>One backend per running task, not one per JVM.</b> A task borrows a {@link Slot} (a backend
 * with {@code spark.task.cpus} threads and the models on it) and returns it when done, so an executor
 * creates as many backends as it runs tasks at once, once, and reuses them for every later task. Tasks
 * never share a backend because a backend may serialise its kernels per instance (the vector backend's
 * GEMM holds its packing buffers and is synchronized), which would make two tasks on one executor take
 * turns; and one backend thread per task core keeps executors from running more threads than cores
 * (two tasks each starting a full BLAS pool on two cores doubled MLlib's time here).
 */
final class ExecutorState {
    /** Models kept per slot: the few most recent trainings and scorings. */
    private static final int MODELS_PER_SLOT = 4;
    /** Epoch orders kept per JVM (one per running training is enough; a few more do no harm). */
    private static final int ORDERS = 4;

    private static final Map<String, Deque<Slot>> IDLE = new HashMap<>();
    private static final Map<OrderKey, int[]> ORDER_CACHE = lru(ORDERS);

    private ExecutorState() {
    }

    /** A slot with a backend called {@code backend} ("" for the default) for the calling task; give it back with {@link #release}. */
    static Slot borrow(String backend) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        String key = backend + "/" + threads;
        synchronized (IDLE) {
            Slot slot = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).pollFirst();
            if (slot != null) {
                return slot;
            }
        }
        return new Slot(key, Backends.get(backend, threads));
    }

    /** Gives a slot back for the next task. */
    static void release(Slot slot) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(slot.key, k -> new ArrayDeque<>()).offerFirst(slot);
        }
    }

    /**
     * The order in which epoch {@code epoch} visits {@code n} examples ({@link EpochOrder}), computed once
     * per executor and epoch; callers must not modify it.
     */
    static int[] epochOrder(int n, long seed, int epoch, boolean shuffle) {
        OrderKey key = new OrderKey(n, seed, epoch, shuffle);
        synchronized (ORDER_CACHE) {
            int[] order = ORDER_CACHE.get(key);
            if (order == null) {
                order = new int[n];
                EpochOrder.fill(order, seed, epoch, shuffle);
                ORDER_CACHE.put(key, order);
            }
            return order;
        }
    }

    private record OrderKey(int n, long seed, int epoch, boolean shuffle) {
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A backend used by one task at a time, and the models built on it, by key. */
    static final class Slot {
        private final String key;
        private final Backend backend;
        private final Map<Object, Object> models = lru(MODELS_PER_SLOT);

        private Slot(String key, Backend backend) {
            this.key = key;
            this.backend = backend;
        }

        /** This slot's backend. */
        Backend backend() {
            return backend;
        }

        /** The object kept under {@code id} (a training's replica, a scoring's model), made on first use. */
        <T> T get(Object id, Class<T> type, Function<Backend, T> make) {
            Object value = models.get(id);
            if (value == null) {
                value = Objects.requireNonNull(make.apply(backend));
                models.put(id, value);
            }
            return type.cast(value);
        }
    }
}
