package org.nnfs.spark;

import java.util.Objects;

/**
 * Hands a pipeline stage's uid to its Scala superclass's constructor. Spark ML's classes create their
 * params in their constructors and give each the stage's {@code uid()} as its owner; Scala assigns a
 * constructor's {@code uid} before that happens, Java cannot assign a field before {@code super()}. So a
 * Java stage's constructor parks the uid here ({@code this(PendingUid.of(uid))}) and its {@code uid()}
 * answers from here until the field is set.
 */
final class PendingUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();
    private static final PendingUid TOKEN = new PendingUid();

    private PendingUid() {
    }

    /** Parks {@code uid} for the constructor that is about to run on this thread. */
    static PendingUid of(String uid) {
        PENDING.set(Objects.requireNonNull(uid, "uid"));
        return TOKEN;
    }

    /** The parked uid, while a constructor runs. */
    static String current() {
        return PENDING.get();
    }

    /** The parked uid, removed: the constructor's field takes over. */
    String take() {
        String uid = PENDING.get();
        PENDING.remove();
        return uid;
    }
}
