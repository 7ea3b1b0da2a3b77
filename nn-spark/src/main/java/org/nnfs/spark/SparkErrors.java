package org.nnfs.spark;

import java.util.function.Supplier;

import org.nnfs.tensor.BackendException;

/**
 * Turns a Spark job's failure back into the error a task threw when that error is one of ours (bad
 * data, an unknown backend): a user sees "label 11.0 ... is not a class index", not a stage's stack
 * dump first. Anything else propagates unchanged.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    /** Runs a Spark action, translating its failure. */
    static <T> T unwrap(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) { // SparkException is checked in Java's terms, though no Java signature declares it
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(t.getMessage(), e);
                }
                if (t instanceof IllegalStateException) {
                    throw new IllegalStateException(t.getMessage(), e);
                }
                if (t instanceof BackendException) {
                    throw new BackendException(t.getMessage(), e);
                }
            }
            throw SparkErrors.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }
}
