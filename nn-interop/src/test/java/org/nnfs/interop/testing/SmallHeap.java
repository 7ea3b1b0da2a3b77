package org.nnfs.interop.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.function.Executable;

/**
 * What the bounded-allocation tests share: they run with {@code -Xmx64m} (the module's bounded-allocation
 * execution), where allocating what a hostile file claims ends in an {@link OutOfMemoryError}, and measure
 * what a rejected read allocated on the calling thread.
 */
public final class SmallHeap {
    /** What rejecting a crafted file may allocate: its few bytes, parsers, messages; the claims are gigabytes. */
    public static final long ALLOWANCE = 32L << 20;

    private SmallHeap() {
    }

    /** Fails unless this JVM's heap is at most 64 MiB. */
    public static void require() {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 64L << 20, "this test must run with -Xmx64m, but the heap may grow to " + (max >> 20)
                + " MiB; run it through the module's bounded-allocation execution");
    }

    /** Runs {@code read}, which must throw {@code type} with {@code reason} in its message, allocating little. */
    public static <T extends Throwable> void assertRejected(Class<T> type, Executable read, String reason) {
        long before = allocatedBytes();
        T e = assertThrows(type, read);
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(allocated < ALLOWANCE, "rejecting allocated " + allocated + " bytes: " + e.getMessage());
    }

    /** Bytes allocated by this thread so far. */
    public static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
