package dev.threadline.sqlite;

import java.sql.SQLException;

/**
 * What a component knows of the database beyond the current statement: rows it read or wrote, and
 * writes it defers to just before a commit. While a transaction holds the write lock nobody else
 * can change the file, and between transactions the database tells whether another connection
 * committed ({@code PRAGMA data_version}); so what was read stays true until then, and a command
 * need not read again what the one before it read or wrote.
 *
 * @see SqliteDatabase#transactionScoped
 */
interface TransactionScoped {

    /** Writes what was deferred, inside the transaction, just before {@code COMMIT}. */
    default void beforeCommit() throws SQLException {}

    /** The transaction committed: what was read or written is what the file now holds. */
    default void afterCommit() {}

    /**
     * A savepoint begins inside the open transaction: returns what puts this state back as it is
     * now, should the work since the savepoint be rolled back. Forgetting everything is always
     * right for what only mirrors the file (the file is rolled back too, and is read again); state
     * that holds writes not yet in the file must keep them.
     */
    default Runnable atSavepoint() {
        return this::forget;
    }

    /** The innermost savepoint begun inside the open transaction was released: its work stays. */
    default void savepointReleased() {}

    /**
     * Forgets everything: the transaction rolled back, or another connection changed the file, or
     * this one wrote outside a transaction.
     */
    void forget();
}
