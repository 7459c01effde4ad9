package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.error.ThreadlineException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite database file opened the way Threadline needs it: WAL, the configured synchronous
 * mode, foreign keys on, a busy timeout, the schema migrated. It owns the single writer connection;
 * every write runs in a {@code BEGIN IMMEDIATE} transaction on it, and nested transactions join
 * the outer one. Long reads get connections of their own.
 *
 * <p>Longer than the other classes because the write lock, the transaction depth, the failure that
 * dooms a transaction and the components' knowledge ({@link TransactionScoped}) change together
 * and must be read together; file preparation, connection settings and maintenance live apart.
 */
public final class SqliteDatabase implements AutoCloseable {

    /** The name of the database file inside a data directory. */
    public static final String FILE_NAME = "threadline.db";

    private static final long UNKNOWN_VERSION = Long.MIN_VALUE;

    private final Path file;
    private final SqliteOptions options;
    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final DSLContext sql;
    private final Map<Class<?>, TransactionScoped> scoped = new LinkedHashMap<>();
    private int transactionDepth;
    /** The first storage failure met inside the open transaction, which dooms it. */
    private StorageFailure failedInside;
    /** The {@code data_version} the components' knowledge belongs to. */
    private long knownDataVersion = UNKNOWN_VERSION;

    private boolean closed;

    private SqliteDatabase(Path file, SqliteOptions options, Connection writer) {
        this.file = file;
        this.options = options;
        this.url = ConnectionSettings.url(file);
        this.writer = writer;
        this.sql = DSL.using(SQLDialect.SQLITE, new Settings().withRenderSchema(false));
    }

    /**
     * Opens a database file, creating it and its parent directories (owner-only) when absent and
     * migrating its schema. A file that is not a Threadline database, or whose schema is newer than
     * this program, is refused and left unchanged.
     *
     * @throws StorageFailure saying why the file cannot be used
     */
    public static SqliteDatabase open(Path file, SqliteOptions options) {
        Path absolute = file.toAbsolutePath().normalize();
        DatabaseFile.prepare(absolute);
        String url = ConnectionSettings.url(absolute);
        SchemaMigrations.State state;
        try (Connection inspector = ConnectionSettings.readOnly(options).createConnection(url)) {
            state = SchemaMigrations.inspect(absolute, inspector);
        } catch (SQLException e) {
            throw SqliteErrors.translate(absolute, "open the database", e);
        }
        Connection writer = null;
        try {
            writer = ConnectionSettings.writer(options).createConnection(url);
            if (state != SchemaMigrations.State.CURRENT) {
                migrate(absolute, options, url);
            }
            return new SqliteDatabase(absolute, options, writer);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer, e);
            if (e instanceof ThreadlineException known) {
                throw known;
            }
            throw SqliteErrors.translate(absolute, "open the database", e);
        }
    }

    private static void migrate(Path file, SqliteOptions options, String url) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource(ConnectionSettings.writer(options));
        dataSource.setUrl(url);
        try {
            SchemaMigrations.migrate(dataSource);
        } catch (RuntimeException e) {
            // Another process may have migrated the same file at the same moment: accept its work.
            try (Connection check = ConnectionSettings.readOnly(options).createConnection(url)) {
                if (SchemaMigrations.inspect(file, check) == SchemaMigrations.State.CURRENT) {
                    return;
                }
            }
            throw SqliteErrors.translate(file, "migrate the schema", e);
        }
    }

    private static void closeQuietly(Connection connection, Exception primary) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                primary.addSuppressed(e);
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The options it was opened with. */
    public SqliteOptions options() {
        return options;
    }

    /** jOOQ's SQLite dialect, for rendering and running queries on a given connection. */
    public DSLContext sql() {
        return sql;
    }

    /** jOOQ on a given connection. */
    public DSLContext sql(Connection connection) {
        return DSL.using(connection, SQLDialect.SQLITE, sql.settings());
    }

    /**
     * Runs work in a write transaction ({@code BEGIN IMMEDIATE}) on the writer connection and
     * commits it; any exception rolls everything back. Called inside another transaction on the
     * same thread, the work joins it. A storage failure inside the transaction dooms it, even when
     * the caller catches it: SQLite may already have rolled it back (a full disk does), and what
     * followed would otherwise be written outside any transaction.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth > 0) {
                return joined(work);
            }
            beginImmediate();
            transactionDepth = 1;
            failedInside = null;
            boolean committed = false;
            try {
                forgetIfChangedElsewhere();
                T result = work.run(writer);
                if (failedInside != null) {
                    throw new StorageFailure(
                            failedInside.reason(),
                            "the transaction was rolled back: a storage failure inside it was caught and not"
                                    + " rethrown (" + failedInside.getMessage() + ")",
                            failedInside);
                }
                for (TransactionScoped state : scoped.values()) {
                    state.beforeCommit();
                }
                execute("COMMIT", "commit");
                committed = true;
                return result;
            } catch (SQLException e) {
                rollback(e);
                throw SqliteErrors.translate(file, "write", e);
            } catch (RuntimeException | Error e) {
                // An Error too: left open, the transaction would refuse every later BEGIN.
                rollback(e);
                throw e;
            } finally {
                transactionDepth = 0;
                failedInside = null;
                if (committed) {
                    for (TransactionScoped state : scoped.values()) {
                        state.afterCommit();
                    }
                } else {
                    forgetAll();
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs work under a savepoint of the open transaction ({@code SAVEPOINT}): an exception rolls
     * the file back to it ({@code ROLLBACK TO}) and puts the components' knowledge back as it was
     * when it began, then is rethrown; the transaction goes on. Outside a transaction the work runs
     * in one of its own. A storage failure inside dooms the transaction as {@link #inTransaction}
     * says: SQLite may have ended it, so there may be no savepoint left to go back to.
     */
    public <T> T inSavepoint(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth == 0) {
                return inTransaction(work);
            }
            if (failedInside != null) {
                throw failedInside;
            }
            List<Runnable> restores = new ArrayList<>(scoped.size());
            for (TransactionScoped state : scoped.values()) {
                restores.add(state.atSavepoint());
            }
            execute("SAVEPOINT work", "begin a savepoint");
            try {
                T result = joined(work);
                try {
                    prepared("RELEASE work").execute();
                } catch (SQLException e) {
                    throw failedInside(SqliteErrors.translate(file, "release a savepoint", e));
                }
                return result;
            } catch (RuntimeException | Error e) {
                if (failedInside == null) {
                    rollbackToSavepoint(e);
                    for (Runnable restore : restores) {
                        restore.run();
                    }
                }
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackToSavepoint(Throwable cause) {
        try {
            prepared("ROLLBACK TO work").execute();
            prepared("RELEASE work").execute();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            failedInside(SqliteErrors.translate(file, "roll back to a savepoint", e));
        }
    }

    private <T> T joined(SqlWork<T> work) {
        transactionDepth++;
        try {
            return work.run(writer);
        } catch (SQLException e) {
            throw failedInside(SqliteErrors.translate(file, "write", e));
        } catch (StorageFailure e) {
            // An event that cannot be encoded is refused before anything is written.
            throw e.reason() == Reason.ENCODING ? e : failedInside(e);
        } finally {
            transactionDepth--;
        }
    }

    /** Remembers that the open transaction met a storage failure; see {@link #inTransaction}. */
    private StorageFailure failedInside(StorageFailure failure) {
        if (failedInside == null) {
            failedInside = failure;
        }
        return failure;
    }

    /**
     * Drops what the components know when another connection (another process, or another store
     * on the same file) has committed since this one last looked: {@code PRAGMA data_version}
     * changes exactly then, and not for this connection's own commits.
     */
    private void forgetIfChangedElsewhere() throws SQLException {
        long version;
        try (ResultSet row = prepared("PRAGMA data_version").executeQuery()) {
            version = row.getLong(1);
        }
        if (version != knownDataVersion) {
            forgetAll();
            knownDataVersion = version;
        }
    }

    private void forgetAll() {
        knownDataVersion = UNKNOWN_VERSION;
        for (TransactionScoped state : scoped.values()) {
            state.forget();
        }
    }

    /**
     * Takes the write lock, waiting for another writer up to the busy timeout in all. SQLite's busy
     * handler does the waiting; when it gives up early (SQLite may report a lock at once rather
     * than risk a deadlock), the {@code BEGIN} is retried after a short pause with what is left of
     * the timeout (nothing has been written yet, so retrying is safe), and only when the timeout
     * has run out does the caller see {@link Reason#LOCKED}.
     */
    private void beginImmediate() {
        long timeout = options.busyTimeout().toMillis();
        long deadline = System.nanoTime() + options.busyTimeout().toNanos();
        boolean shortened = false;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    prepared("BEGIN IMMEDIATE").execute();
                    return;
                } catch (SQLException e) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (!SqliteErrors.isBusy(e) || left <= 0) {
                        throw SqliteErrors.translate(file, "begin a write transaction", e);
                    }
                    pause(attempt);
                    setBusyTimeout(left);
                    shortened = true;
                }
            }
        } finally {
            if (shortened) {
                setBusyTimeout(timeout);
            }
        }
    }

    private void setBusyTimeout(long millis) {
        try {
            writer.unwrap(SQLiteConnection.class)
                    .setBusyTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "set the busy timeout", e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure(Reason.LOCKED, "interrupted while waiting for the write lock", e);
        }
    }

    /**
     * The one instance of a kind of transaction-scoped state on this database, created on first
     * use: every store on the same database shares it, so none can read past another's deferred
     * write.
     */
    <T extends TransactionScoped> T transactionScoped(Class<T> type, Supplier<T> create) {
        writeLock.lock();
        try {
            return type.cast(scoped.computeIfAbsent(type, kind -> create.get()));
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    public boolean inTransaction() {
        return writeLock.isHeldByCurrentThread() && transactionDepth > 0;
    }

    /**
     * Runs short work on the writer connection, inside the caller's transaction when there is one.
     * Work outside a transaction that changes the file makes the components forget what they knew.
     */
    public <T> T withWriter(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth > 0) {
                try {
                    return work.run(writer);
                } catch (SQLException e) {
                    throw failedInside(SqliteErrors.translate(file, "read", e));
                }
            }
            long changesBefore = totalChanges();
            try {
                return work.run(writer);
            } finally {
                forgetIfWritten(changesBefore);
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "read", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets what the components know when the file changed since {@code changesBefore}. */
    private void forgetIfWritten(long changesBefore) {
        try {
            if (totalChanges() != changesBefore) {
                forgetAll();
            }
        } catch (SQLException e) {
            forgetAll(); // cannot tell: forgetting is always safe
        }
    }

    private long totalChanges() throws SQLException {
        return writer.unwrap(SQLiteConnection.class).getDatabase().total_changes();
    }

    /**
     * The rows of a statement on the writer connection, streamed: the writer stays held (inside
     * the caller's transaction when there is one) until the stream is closed, which must happen
     * on the calling thread.
     *
     * @param prepare prepares the statement (it is closed with the stream)
     * @param map reads the row the result set stands on
     */
    <T> Stream<T> streamOnWriter(SqlWork<PreparedStatement> prepare, ReadModelRowMapping.RowReader<T> map) {
        writeLock.lock();
        PreparedStatement statement = null;
        try {
            checkOpen();
            statement = prepare.run(writer);
            ResultSet rows = statement.executeQuery();
            PreparedStatement open = statement;
            Spliterator<T> read =
                    new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                        @Override
                        public boolean tryAdvance(Consumer<? super T> action) {
                            try {
                                if (!rows.next()) {
                                    return false;
                                }
                                action.accept(map.read(rows));
                                return true;
                            } catch (SQLException e) {
                                throw SqliteErrors.translate(file, "read", e);
                            }
                        }
                    };
            return StreamSupport.stream(read, false).onClose(() -> {
                try {
                    open.close(); // closes its result set too
                } catch (SQLException e) {
                    throw SqliteErrors.translate(file, "read", e);
                } finally {
                    writeLock.unlock();
                }
            });
        } catch (SQLException | RuntimeException e) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            } finally {
                writeLock.unlock();
            }
            throw e instanceof SQLException sql ? SqliteErrors.translate(file, "read", sql) : (RuntimeException) e;
        }
    }

    /** A statement prepared once on the writer connection; only for use while holding it. */
    public PreparedStatement prepared(String statementSql) throws SQLException {
        PreparedStatement statement = statements.get(statementSql);
        if (statement == null) {
            statement = writer.prepareStatement(statementSql);
            statements.put(statementSql, statement);
        }
        return statement;
    }

    /** A new read-only connection for a long read; the caller closes it. */
    public Connection openReader() {
        return openReader(file);
    }

    /** A new read-only connection to another database file (a backup) with these options. */
    Connection openReader(Path other) {
        try {
            return ConnectionSettings.readOnly(options).createConnection(ConnectionSettings.url(other));
        } catch (SQLException e) {
            throw SqliteErrors.translate(other, "open a reader", e);
        }
    }

    private void execute(String statementSql, String doing) {
        try {
            // BEGIN and COMMIT are kept prepared like every other statement of the write path.
            prepared(statementSql).execute();
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, doing, e);
        }
    }

    private void rollback(Throwable cause) {
        try (Statement statement = writer.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (for example after SQLITE_FULL): keep the cause.
            cause.addSuppressed(e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageFailure(Reason.UNAVAILABLE, "the store at " + file + " is closed", null);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            writer.close();
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "close the database", e);
        } finally {
            writeLock.unlock();
        }
    }
}
