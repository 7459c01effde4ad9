package dev.threadline.postgres;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One Threadline schema on a PostgreSQL server, shared by every node that points at it.
 *
 * <p>Write transactions are bound to the calling thread; nested work joins the outer transaction.
 * Every write transaction's first statement takes the store's {@link WriterLock} (in the round
 * trip of the transaction's first read when the work runs through the store's statements), so
 * writers on all nodes are serialised: what a transaction reads stays true until it commits, and the log's
 * next sequence, read under the lock, numbers events in commit order with no gap. The lock is
 * released by the commit itself, after the events became visible. Group commit runs many commands
 * in one such transaction, so a node pays the lock once per group. Readers never take it.
 * Writes whose outcome nobody reads are queued and sent with the transaction's next statement
 * ({@link PendingWrites}). Connections come from {@link PostgresConnections}; query streams from
 * {@link RowStreams}.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final PostgresLocation location;
    private final PostgresConnections connections;
    private final WriterLock writerLock;
    private final RowStreams streams;
    private final PostgresDialect dialect;
    private final ThreadLocal<WriteTransaction> current = new ThreadLocal<>();
    private final List<Runnable> afterAppendCommits = new CopyOnWriteArrayList<>();

    private PostgresDatabase(PostgresLocation location, DataSource dataSource, boolean ownsPool) {
        this.location = location;
        this.connections = new PostgresConnections(location, dataSource, ownsPool);
        this.writerLock = new WriterLock(location.schema());
        this.streams = new RowStreams(location);
        this.dialect = new PostgresDialect(location.schema());
    }

    /**
     * Connects to a server through a pool of its own and migrates the schema.
     *
     * @throws StorageFailure saying why the store cannot be used (nothing is written then)
     */
    public static PostgresDatabase open(PostgresLocation location) {
        var pool = PostgresConnections.pool(location, 8);
        try {
            return open(location, pool, true);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Uses an embedder's data source (its pool, its credentials) and migrates the schema.
     *
     * @param dataSource connections to the database
     * @param schema the schema that holds Threadline's tables
     * @throws StorageFailure saying why the store cannot be used (nothing is written then)
     */
    public static PostgresDatabase open(DataSource dataSource, String schema) {
        return open(PostgresConnections.locate(dataSource, schema), dataSource, false);
    }

    /** A store on another schema of the same connections (a scratch store). */
    static PostgresDatabase open(PostgresLocation location, DataSource dataSource) {
        return open(location, dataSource, false);
    }

    private static PostgresDatabase open(PostgresLocation location, DataSource dataSource, boolean owned) {
        PostgresDatabase database = new PostgresDatabase(location, dataSource, owned);
        PostgresSchema.prepare(database);
        return database;
    }

    /** Where the store is. */
    public PostgresLocation location() {
        return location;
    }

    /** The schema's name. */
    public String schema() {
        return location.schema();
    }

    /** Renders the statements written on the generated jOOQ classes for this schema. */
    PostgresDialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return connections.dataSource();
    }

    /** A connection of its own for a long-lived session; see {@link PostgresConnections#openDedicated}. */
    Connection openDedicated() throws SQLException {
        return connections.openDedicated();
    }

    /** Runs after every commit that appended events, on the committing thread. */
    public void afterAppendCommit(Runnable action) {
        afterAppendCommits.add(action);
    }

    /** A pooled connection whose search path is the schema; the caller closes it. */
    Connection borrow() {
        return connections.borrow();
    }

    /**
     * Runs work in a write transaction and commits it; any exception rolls it back. Inside another
     * transaction on the same thread the work joins it, after the writes queued so far are sent.
     * Writes this store's ports make inside the work are queued until the store's next statement
     * or the commit ({@link PendingWrites}): work that runs statements of its own on the connection
     * after them does so in a nested {@code inTransaction}, which sends them first.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        WriteTransaction open = current.get();
        if (open != null) {
            return joined(open, work);
        }
        return transaction(work, true);
    }

    /**
     * A new write transaction. Work handed the connection may run statements of its own on it, so
     * the lock is taken first; other work queues the lock, which goes with its first statement.
     */
    private <T> T transaction(SqlWork<T> work, boolean handsConnection) {
        Connection connection = borrow();
        WriteTransaction transaction = new WriteTransaction(connection);
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            current.set(transaction);
            if (handsConnection) {
                writerLock.take(transaction);
            } else {
                writerLock.queue(transaction);
            }
            T result = work.run(connection);
            if (transaction.failed != null) {
                throw new StorageFailure(
                        transaction.failed.reason(),
                        "the transaction was rolled back: a storage failure inside it was caught and not"
                                + " rethrown (" + transaction.failed.getMessage() + ")",
                        transaction.failed);
            }
            transaction.commit();
            connection.commit(); // sends nothing when the commit went with the last writes
            committed = true;
            return result;
        } catch (SQLException e) {
            rollback(connection, e);
            throw PostgresErrors.translate(location, "write", e);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            current.remove();
            PostgresConnections.release(connection);
            if (committed && transaction.appended) {
                for (Runnable action : afterAppendCommits) {
                    action.run();
                }
            }
        }
    }

    /**
     * {@link #inTransaction} for work that reaches the server only through this store's methods,
     * never through a connection of its own: joining an open transaction, it sends nothing first,
     * and the writes queued so far go with its first statement.
     */
    <T> T inTransactionOfStatements(Supplier<T> work) {
        return inTransactionCarrying(connection -> work.get());
    }

    /**
     * {@link #inTransaction} for work whose statements on the connection go through the
     * transaction's {@link PendingWrites} ({@link PendingWrites#prepareAfter}), carrying what is
     * queued: joining an open transaction, it sends nothing first, and a new transaction queues
     * its lock, which goes with the work's first statement.
     */
    <T> T inTransactionCarrying(SqlWork<T> work) {
        WriteTransaction open = current.get();
        if (open != null) {
            return joined(open, work, false);
        }
        return transaction(work, false);
    }

    private <T> T joined(WriteTransaction open, SqlWork<T> work) {
        return joined(open, work, true);
    }

    /** Work joining the open transaction, after its queued writes are sent unless the work carries them. */
    private <T> T joined(WriteTransaction open, SqlWork<T> work, boolean sendPending) {
        open.depth++;
        try {
            if (sendPending && !open.pending.isEmpty()) {
                open.pending.send(open.connection);
            }
            return work.run(open.connection);
        } catch (SQLException e) {
            throw failedInside(open, PostgresErrors.translate(location, "write", e));
        } catch (StorageFailure e) {
            throw e.reason() == Reason.ENCODING ? e : failedInside(open, e);
        } finally {
            open.depth--;
        }
    }

    private static StorageFailure failedInside(WriteTransaction open, StorageFailure failure) {
        if (open.failed == null) {
            open.failed = failure;
        }
        return failure;
    }

    /**
     * Runs work under a savepoint of the open transaction: an exception rolls the work back and is
     * rethrown, and the transaction goes on. Outside a transaction the work runs in its own.
     */
    public <T> T inSavepoint(SqlWork<T> work) {
        return savepoint(work, true);
    }

    /**
     * {@link #inSavepoint} for work that reaches the server only through this store's methods,
     * never through a connection of its own: its {@code SAVEPOINT} goes with its first statement.
     */
    <T> T inSavepointOfStatements(Supplier<T> work) {
        return savepoint(connection -> work.get(), false);
    }

    private <T> T savepoint(SqlWork<T> work, boolean handsConnection) {
        WriteTransaction open = current.get();
        if (open == null) {
            return transaction(work, handsConnection);
        }
        if (open.failed != null) {
            throw open.failed;
        }
        // Nested savepoints share one name: PostgreSQL keeps each, and names the newest. SAVEPOINT
        // is queued like a write. Work handed the connection sends its RELEASE at once, so a write
        // the server refuses fails it alone; work through the ports (a group commit's commands)
        // queues it, or drops an unsent SAVEPOINT, and costs no round trip of its own: a write the
        // server refuses later fails the transaction, as a failed commit does.
        WriteTransaction.Mark mark = open.mark();
        long begun = open.pending.position();
        open.pending.add("SAVEPOINT tl_work");
        try {
            T result = joined(open, work, handsConnection);
            if (handsConnection) {
                carried(open, "RELEASE SAVEPOINT tl_work", new Object[0], Statement::getUpdateCount);
            } else if (open.pending.consumed(begun)) {
                open.pending.add("RELEASE SAVEPOINT tl_work");
            } else {
                open.pending.removeAt(begun); // nothing of the work reached the server: no savepoint is needed
            }
            return result;
        } catch (RuntimeException | Error | SQLException e) {
            if (!open.pending.consumed(begun)) {
                // The server never saw the savepoint: nothing of the work reached it.
                open.pending.dropFrom(begun);
                open.failed = null;
                open.restore(mark);
            } else {
                open.pending.clear();
                try (Statement statement = open.connection.createStatement()) {
                    statement.execute("ROLLBACK TO SAVEPOINT tl_work");
                    statement.execute("RELEASE SAVEPOINT tl_work");
                    open.failed = null; // PostgreSQL undid the failed work with the savepoint
                    open.restore(mark);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    failedInside(open, PostgresErrors.translate(location, "roll back to a savepoint", rollback));
                }
            }
            if (e instanceof SQLException failure) {
                throw PostgresErrors.translate(location, "write", failure);
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        }
    }

    /** Runs a statement on the open transaction's connection, carrying its queued writes. */
    private static <T> T carried(
            WriteTransaction open, String sql, Object[] values, PendingWrites.ResultHandler<T> handler)
            throws SQLException {
        return open.pending.runAfter(open.connection, sql, values, handler);
    }

    /**
     * Sends what the transaction queued when reads ahead of it ({@link WriteTransaction#readAhead})
     * have yet to come back.
     */
    void receiveReadAhead(WriteTransaction open) {
        if (open.readAheadQueued) {
            open.readAheadQueued = false;
            joined(open, connection -> null);
        }
    }

    /** Whether the calling thread is inside a write transaction. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    /** The calling thread's open write transaction, or null outside one. */
    WriteTransaction openTransaction() {
        return current.get();
    }

    /** Runs work on the transaction's connection, or on a pooled one in autocommit. */
    public <T> T withConnection(SqlWork<T> work) {
        WriteTransaction open = current.get();
        if (open != null) {
            return joined(open, work);
        }
        try (Connection connection = borrow()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(location, "read", e);
        }
    }

    /** Rows of a query, each mapped; inside a transaction it carries the queued writes. */
    <T> List<T> list(String sql, RowReader<T> map, Object... values) {
        return query(
                sql,
                statement -> {
                    List<T> mapped = new ArrayList<>();
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            mapped.add(map.read(result));
                        }
                    }
                    return mapped;
                },
                values);
    }

    /** Runs a query (or a text of several) and takes its results; inside a transaction it carries the queued writes. */
    <T> T query(String sql, PendingWrites.ResultHandler<T> results, Object... values) {
        WriteTransaction open = current.get();
        if (open != null) {
            return joined(open, connection -> carried(open, sql, values, results), false);
        }
        return withConnection(connection -> new PendingWrites().runAfter(connection, sql, values, results));
    }

    /** The first row of a query, mapped. */
    <T> Optional<T> first(String sql, RowReader<T> map, Object... values) {
        List<T> rows = list(sql, map, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs an update in the caller's transaction (carrying its queued writes), or in one of its own. */
    int update(String sql, Object... values) {
        WriteTransaction open = current.get();
        if (open != null) {
            return joined(open, connection -> carried(open, sql, values, Statement::getUpdateCount), false);
        }
        return inTransaction(connection -> carried(current.get(), sql, values, Statement::getUpdateCount));
    }

    /**
     * A write whose outcome the caller does not read: queued by the open transaction, or by one of
     * its own, and sent with the transaction's next statement or its commit ({@link PendingWrites}).
     */
    void write(String sql, Object... values) {
        writeAll(sql, Collections.singletonList(values));
    }

    /** Writes of one statement, all queued or none (see {@link #write}). */
    void writeAll(String sql, List<Object[]> rows) {
        WriteTransaction open = current.get();
        if (open == null) {
            inTransaction(connection -> {
                writeAll(sql, rows);
                return null;
            });
            return;
        }
        try {
            open.pending.addAll(sql, rows);
        } catch (StorageFailure e) {
            throw failedInside(open, e);
        }
    }

    /**
     * The rows of a query streamed with a server-side cursor, in constant memory: on the
     * transaction's connection inside one, else on a connection of its own in a read-only
     * transaction, released when the stream is closed (which must happen on the calling thread).
     */
    <T> Stream<T> stream(String sql, RowReader<T> map, Object... values) {
        WriteTransaction open = current.get();
        if (open != null) {
            joined(open, connection -> null);
        }
        return streams.stream(open != null ? open.connection : borrow(), open == null, sql, map, values);
    }

    /** The rows of a query streamed on a connection the caller holds in a transaction. */
    <T> Stream<T> streamOn(Connection connection, String sql, RowReader<T> map, Object... values) {
        return streams.stream(connection, false, sql, map, values);
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}
