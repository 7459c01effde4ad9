package dev.threadline.postgres;

import dev.threadline.application.port.Transactions;
import java.util.function.Supplier;

/** Write transactions under the store's lock, and their savepoints; see {@link PostgresDatabase}. */
public final class PostgresTransactions implements Transactions {

    private final PostgresDatabase database;

    /** @param database the open store */
    public PostgresTransactions(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransactionOfStatements(work);
    }

    @Override
    public <T> T inSavepoint(Supplier<T> work) {
        return database.inSavepointOfStatements(work);
    }

    @Override
    public boolean insideTransaction() {
        return database.inTransaction();
    }
}
