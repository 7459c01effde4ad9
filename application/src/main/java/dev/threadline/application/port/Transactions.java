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
 *   <li>A rollback to a savepoint leaves nothing of the work done since the savepoint, and
 *       everything done before it: the transaction goes on as if that work had never run, and
 *       what it reads afterwards (the log's last sequence, a stream's version, a row) is what it
 *       was when the savepoint began.
 * </ul>
 */
public interface Transactions {

    /** Runs the work in one write transaction and commits it; an exception rolls it back. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs the work under a savepoint of the running transaction: an exception rolls back what the
     * work wrote (events, projection rows, positions, receipts) and is rethrown, and the
     * transaction goes on; without one, the work stays part of the transaction and commits or
     * rolls back with it. Outside a transaction the work runs in a transaction of its own.
     *
     * <p>A storage failure inside the work may have ended the whole transaction (a full disk
     * does): it then dooms the transaction, which fails when it tries to commit.
     */
    <T> T inSavepoint(Supplier<T> work);

    /** Whether the calling thread is inside a transaction of this store, where new work joins it. */
    boolean insideTransaction();
}
