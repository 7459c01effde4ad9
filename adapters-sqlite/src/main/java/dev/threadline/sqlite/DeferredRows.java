package dev.threadline.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event rows and read-model rows the open transaction has decided to write and has not
 * written yet: kept here and written as one JDBC batch per statement (so per table) just before the
 * commit, rather than one statement per command. Whatever reads or changes those tables on the
 * writer inside the transaction writes them out first ({@link #writeOut}), so no read misses one;
 * a read by key that the transaction answers from memory ({@link KnownLog}, {@link KnownRows})
 * needs none. Only rows that cannot fail are kept: whatever could refuse a command (a stream
 * version, an event id already stored) is checked before its rows are kept, so a refusal still
 * comes from the command it belongs to. Rolled back with a savepoint: the rows kept since it began
 * are dropped. Statements of different tables may run in another order than they were kept, those
 * of one table never. Used only under the writer lock.
 */
final class DeferredRows implements TransactionScoped {

    /** Past this many rows kept, they are written out. */
    private static final int LIMIT = 4_096;

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final PendingRows<Row> rows = new PendingRows<>();

    /** A statement to run and its values. */
    private record Row(String statementSql, Object[] values) {}

    private DeferredRows(SqliteDatabase database) {
        this.database = database;
        this.statements = new KeptStatements(database);
    }

    /** The database's one instance, shared by the event store and the read models. */
    static DeferredRows of(SqliteDatabase database) {
        return database.transactionScoped(DeferredRows.class, () -> new DeferredRows(database));
    }

    /** Keeps a write for the transaction's batches; called inside the transaction. */
    void keep(String statementSql, Object[] values) throws SQLException {
        rows.add(new Row(statementSql, values));
        if (rows.unwrittenCount() >= LIMIT) {
            writeOut();
        }
    }

    /** Whether rows are kept and not yet written. */
    boolean holdsRows() {
        return rows.unwrittenCount() > 0;
    }

    /** Writes the kept rows now, inside the open transaction: each statement's rows as one batch. */
    void writeOut() throws SQLException {
        if (rows.unwrittenCount() == 0) {
            return;
        }
        Map<String, List<Object[]>> batches = new LinkedHashMap<>();
        for (Row row : rows.unwritten()) {
            batches.computeIfAbsent(row.statementSql(), sql -> new ArrayList<>())
                    .add(row.values());
        }
        for (Map.Entry<String, List<Object[]>> batch : batches.entrySet()) {
            statements.batch(batch.getKey(), batch.getValue());
        }
        rows.markWritten();
    }

    /** Writes the kept rows out if the calling thread is inside a transaction (else there are none). */
    void writeOutInTransaction() {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                writeOut();
                return null;
            });
        }
    }

    @Override
    public void beforeCommit() throws SQLException {
        writeOut();
    }

    @Override
    public void afterCommit() {
        rows.clear();
    }

    /**
     * The rows kept since the savepoint began are dropped; those kept before stay (written out
     * since, their rows are rolled back in the file, so they are to be written again).
     */
    @Override
    public Runnable atSavepoint() {
        return rows.atSavepoint(dropped -> {});
    }

    @Override
    public void savepointReleased() {
        rows.savepointReleased();
    }

    @Override
    public void forget() {
        rows.clear();
    }
}
