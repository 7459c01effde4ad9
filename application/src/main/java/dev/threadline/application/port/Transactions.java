package dev.threadline.application.port;

import java.util.function.Supplier;

/**
 * Runs work atomically against the storage: the events a command appends, the projection rows
 * they change, the projector's position and the command's receipt all commit together or not at
 * all. Work started inside a running transaction joins it.
 */
public interface Transactions {

    /** Runs the work in one write transaction and commits it; an exception rolls it back. */
    <T> T inTransaction(Supplier<T> work);
}
