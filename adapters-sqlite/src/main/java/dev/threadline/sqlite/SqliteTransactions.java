package dev.threadline.sqlite;

import dev.threadline.application.port.Transactions;
import java.util.function.Supplier;

/**
 * Write transactions ({@code BEGIN IMMEDIATE}) and their savepoints on a database's writer
 * connection.
 */
public final class SqliteTransactions implements Transactions {

    private final SqliteDatabase database;

    /** @param database the open database */
    public SqliteTransactions(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(connection -> work.get());
    }

    @Override
    public <T> T inSavepoint(Supplier<T> work) {
        return database.inSavepoint(connection -> work.get());
    }

    @Override
    public boolean insideTransaction() {
        return database.inTransaction();
    }
}
