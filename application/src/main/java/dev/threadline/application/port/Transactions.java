package dev.threadline.application.port;

import java.util.function.Supplier;

/**
 * Runs work atomically against the storage: the events a command appends, the projection rows
 * they change, the projector's position and the command's receipt all commit together or not at
 * all.
 *
 * <p>Concurrency promises, which {@code Projections}, {@code Commands} and {@code Subscriptions}
 * rely on:
 *
 * <ul>
 *   <li>Work started inside a running transaction on the same thread joins it: it commits with
 *       the outer work, and its exception rolls the whole transaction back unless caught.
 *   <li>Writers are serialised, across threads and processes: while a transaction runs, nothing
 *       else commits to the store, so what it reads stays true until it commits.
 *   <li>A replay of the event log inside a transaction sees the events that transaction appended
 *       (a command's catch-up projects them).
 *   <li>A rollback leaves nothing of the transaction: no event, no projection row, no position,
 *       no receipt.
 * </ul>
 */
public interface Transactions {

    /** Runs the work in one write transaction and commits it; an exception rolls it back. */
    <T> T inTransaction(Supplier<T> work);
}
