package dev.threadline.sqlite;

import java.sql.SQLException;

/**
 * What a component knows for the length of one write transaction on the writer connection: rows it
 * read or wrote, and writes it defers to just before the commit. Nothing else can write the file
 * while the transaction holds the write lock, so what it read stays true until the transaction
 * ends; it forgets everything then, committed or not.
 *
 * @see SqliteDatabase#transactionScoped
 */
interface TransactionScoped {

    /** Writes what was deferred, inside the transaction, just before {@code COMMIT}. */
    default void beforeCommit() throws SQLException {}

    /** Forgets everything: the transaction committed or rolled back. */
    void afterTransaction();
}
