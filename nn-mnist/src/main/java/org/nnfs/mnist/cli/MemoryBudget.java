package org.nnfs.mnist.cli;

import java.util.Locale;

/**
 * Sizes that come from input (layer widths, example counts) checked against what this JVM can still
 * give before they are allocated, so that an impossible request is one clear line rather than an
 * {@link OutOfMemoryError} minutes later. The estimates are lower bounds: what passes may still run out,
 * which {@link ErrorHandler} then reports with the same remedy.
 */
final class MemoryBudget {
    private MemoryBudget() {
    }

    /**
     * Fails unless {@code bytes} more fit in this JVM's heap.
     *
     * @param what    what needs them, e.g. "the model (123 parameters, float32, with their gradients)"
     * @param smaller how to ask for less, e.g. "use smaller --hidden"
     * @throws UserException naming both sizes and the remedies
     */
    static void require(long bytes, String what, String smaller) {
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > available) {
            throw new UserException(what + " needs at least " + size(bytes) + ", more than the " + size(available)
                    + " this JVM can still give: " + smaller + ", or " + moreMemory(bytes + runtime.maxMemory() - available));
        }
    }

    /**
     * The remedy for too little heap, for a JVM that needs about {@code needed} bytes in all: "run java with
     * a larger -Xmx (this one may use 512 MB), e.g. java -Xmx4g", suggesting a power of two of gigabytes
     * with a quarter to spare.
     */
    static String moreMemory(long needed) {
        long gigabytes = 1;
        while (gigabytes << 30 < needed + needed / 4) {
            gigabytes *= 2;
        }
        return "run java with a larger -Xmx (this one may use " + size(Runtime.getRuntime().maxMemory())
                + "), e.g. java -Xmx" + gigabytes + "g";
    }

    /** Bytes in the unit that reads best: "512 MB", "12.8 GB". */
    static String size(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%,d KB", (bytes + 1023) >> 10);
        }
        if (bytes < 10L << 30) {
            return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
        }
        return String.format(Locale.ROOT, "%,.1f GB", bytes / (double) (1L << 30));
    }
}
