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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConnection;

/**
 * A database's single writer connection, opened on a file whose schema is current, and the
 * statements kept prepared on it. Not thread-safe:
 * {@link SqliteDatabase} calls it only while holding its write lock.
 */
final class WriterConnection {

    private final Path file;
    private final SqliteOptions options;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private WriterConnection(Path file, SqliteOptions options, Connection connection) {
        this.file = file;
        this.options = options;
        this.connection = connection;
    }

    /**
     * Connects the writer to a prepared file, migrating its schema first when it is not current.
     *
     * @throws StorageFailure saying why the file cannot be used
     */
    static WriterConnection open(Path file, SqliteOptions options) {
        SchemaMigrations.State state = SchemaMigrations.inspect(file, options);
        Connection writer = null;
        try {
            writer = ConnectionSettings.writer(options).createConnection(ConnectionSettings.url(file));
            if (state != SchemaMigrations.State.CURRENT) {
                SchemaMigrations.migrate(file, options);
            }
            return new WriterConnection(file, options, writer);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer, e);
            if (e instanceof ThreadlineException known) {
                throw known;
            }
            throw SqliteErrors.translate(file, "open the database", e);
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

    Connection connection() {
        return connection;
    }

    /** A statement prepared once on this connection. */
    PreparedStatement prepared(String statementSql) throws SQLException {
        PreparedStatement statement = statements.get(statementSql);
        if (statement == null) {
            statement = connection.prepareStatement(statementSql);
            statements.put(statementSql, statement);
        }
        return statement;
    }

    /** Runs a kept statement; {@code doing} names it in the failure. */
    void execute(String statementSql, String doing) {
        try {
            // BEGIN and COMMIT are kept prepared like every other statement of the write path.
            prepared(statementSql).execute();
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, doing, e);
        }
    }

    /** Commits the open transaction. */
    void commit() {
        execute("COMMIT", "commit");
        transactionEnded();
    }

    /** Rolls the open transaction back; a failure to do so is added to {@code cause}. */
    void rollback(Throwable cause) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (for example after SQLITE_FULL): keep the cause.
            cause.addSuppressed(e);
        } finally {
            transactionEnded();
        }
    }

    /**
     * Tells the driver whether a transaction of ours is open. With its auto-commit flag set, the
     * driver follows every write statement with an attempt to run {@code BEGIN} and {@code COMMIT}
     * (to end a transaction a statement might have left open), which inside a transaction always
     * fails and costs as much as a small insert. The flag is only the driver's bookkeeping here:
     * setting it through the connection's configuration runs no statement, and this class begins
     * and ends every transaction itself.
     */
    private void driverAutoCommit(boolean autoCommit) {
        try {
            connection.unwrap(SQLiteConnection.class).getConnectionConfig().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "set up the connection", e);
        }
    }

    private void transactionEnded() {
        driverAutoCommit(true);
    }

    /**
     * {@code PRAGMA data_version}: it changes exactly when another connection has committed, and
     * not for this connection's own commits.
     */
    long dataVersion() throws SQLException {
        try (ResultSet row = prepared("PRAGMA data_version").executeQuery()) {
            return row.getLong(1);
        }
    }

    /** How many rows this connection has changed since it opened. */
    long totalChanges() throws SQLException {
        return connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
    }

    /**
     * Takes the write lock, waiting for another writer up to the busy timeout in all. SQLite's busy
     * handler does the waiting; when it gives up early (SQLite may report a lock at once rather
     * than risk a deadlock), the {@code BEGIN} is retried after a short pause with what is left of
     * the timeout (nothing has been written yet, so retrying is safe), and only when the timeout
     * has run out does the caller see {@link Reason#LOCKED}.
     */
    void beginImmediate() {
        long timeout = options.busyTimeout().toMillis();
        long deadline = System.nanoTime() + options.busyTimeout().toNanos();
        boolean shortened = false;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    prepared("BEGIN IMMEDIATE").execute();
                    driverAutoCommit(false);
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
            connection.unwrap(SQLiteConnection.class).setBusyTimeout((int)
                    Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
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

    /** Closes the kept statements and the connection. */
    void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
        connection.close();
    }
}
