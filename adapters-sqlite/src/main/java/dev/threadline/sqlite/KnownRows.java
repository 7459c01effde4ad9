package dev.threadline.sqlite;

import dev.threadline.application.readmodel.ThreadView;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The thread rows and projector positions the writer connection has read or written in the open
 * transaction. Every command reads its thread, and the projector reads and rewrites it and the
 * position: kept here, each is read once (the database forgets them when another connection
 * commits) and written once per transaction, as one batch just before the commit, however many
 * commands the transaction holds. A read of these tables other than by key must {@link #writeOut}
 * first; a rollback forgets them, and a rollback to a savepoint puts back the changes not yet
 * written that were made before it. Used only under the writer lock.
 */
final class KnownRows implements TransactionScoped {

    /** Past this many rows the known ones are written out and forgotten, to bound memory. */
    private static final int LIMIT = 4_096;

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final ReadModelStatements sql;
    private final Map<String, ThreadView> threads = new HashMap<>();
    private final Map<String, ThreadView> changedThreads = new LinkedHashMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Long> changedPositions = new LinkedHashMap<>();

    private KnownRows(SqliteDatabase database, KeptStatements statements, ReadModelStatements sql) {
        this.database = database;
        this.statements = statements;
        this.sql = sql;
    }

    /** The database's one instance, shared by every component that reads or writes these rows. */
    static KnownRows of(SqliteDatabase database, KeptStatements statements, ReadModelStatements sql) {
        return database.transactionScoped(KnownRows.class, () -> new KnownRows(database, statements, sql));
    }

    /** A thread this transaction knows, or null. */
    ThreadView thread(String id) {
        return threads.get(id);
    }

    /** A position this transaction knows, or null. */
    Long position(String projector) {
        return positions.get(projector);
    }

    void readThread(ThreadView thread) throws SQLException {
        if (threads.size() >= LIMIT) {
            writeOut();
            threads.clear();
        }
        threads.put(thread.id().toString(), thread);
    }

    void changeThread(ThreadView thread) throws SQLException {
        readThread(thread);
        changedThreads.put(thread.id().toString(), thread);
    }

    void readPosition(String projector, long sequence) {
        positions.put(projector, sequence);
    }

    void changePosition(String projector, long sequence) {
        positions.put(projector, sequence);
        changedPositions.put(projector, sequence);
    }

    /** Writes the changed rows; they stay known, now as stored. */
    void writeOut() throws SQLException {
        if (!changedThreads.isEmpty()) {
            statements.batch(
                    sql.upsert(ReadModelTable.THREADS),
                    changedThreads.values().stream()
                            .map(ReadModelRowMapping::values)
                            .toList());
            changedThreads.clear();
        }
        if (!changedPositions.isEmpty()) {
            statements.batch(
                    sql.setPosition(),
                    changedPositions.entrySet().stream()
                            .map(position -> new Object[] {position.getKey(), position.getValue()})
                            .toList());
            changedPositions.clear();
        }
    }

    /** Writes out the rows the open transaction keeps, before a query that reads their tables. */
    void writeOutInTransaction() {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                writeOut();
                return null;
            });
        }
    }

    /** Forgets one thread without writing it: its row is being removed. */
    void forgetThread(String id) {
        threads.remove(id);
        changedThreads.remove(id);
    }

    /** Forgets the threads without writing them: their table is being emptied. */
    void forgetThreads() {
        threads.clear();
        changedThreads.clear();
    }

    /**
     * The changes not yet written are kept (the file does not hold them, so the savepoint cannot
     * take them back); what was only read is forgotten on a rollback, to be read again from the
     * rolled-back file. A change written out inside the savepoint is rolled back in the file and
     * so becomes pending again.
     */
    @Override
    public Runnable atSavepoint() {
        Map<String, ThreadView> threadsBefore = new LinkedHashMap<>(changedThreads);
        Map<String, Long> positionsBefore = new LinkedHashMap<>(changedPositions);
        return () -> {
            forget();
            threads.putAll(threadsBefore);
            changedThreads.putAll(threadsBefore);
            positions.putAll(positionsBefore);
            changedPositions.putAll(positionsBefore);
        };
    }

    @Override
    public void beforeCommit() throws SQLException {
        writeOut();
    }

    @Override
    public void forget() {
        forgetThreads();
        positions.clear();
        changedPositions.clear();
    }
}
