package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * One SQLite database file opened the way Threadline needs it: WAL, the configured synchronous
 * mode, foreign keys on, a busy timeout, the schema migrated. It owns the single writer connection;
 * every write runs in a {@code BEGIN IMMEDIATE} transaction on it, and nested transactions join
 * the outer one. Long reads get connections of their own.
 *
 * <p>The public face of classes that each hold one concern: the file's preparation ({@link
 * DatabaseFile}), its schema ({@link SchemaMigrations}), the writer connection with its kept
 * statements and the wait for the write lock ({@link WriterConnection}), the transactions on it
 * ({@link WriteTransactions}) and what the components know of the file ({@link
 * ComponentKnowledge}).
 */
public final class SqliteDatabase implements AutoCloseable {

    /** The name of the database file inside a data directory. */
    public static final String FILE_NAME = "threadline.db";

    private final Path file;
    private final SqliteOptions options;
    private final WriteTransactions transactions;
    /**
     * jOOQ, made on first use: a command that runs only fixed statements never loads it. Not a
     * {@link Lazy}: linking the lambda that would make it loads {@code DSLContext} at open, which
     * {@code ReadOnlyStartupTest} catches.
     */
    private volatile DSLContext sql;

    private SqliteDatabase(Path file, SqliteOptions options, WriterConnection writer) {
        this.file = file;
        this.options = options;
        this.transactions = new WriteTransactions(file, writer);
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
        return new SqliteDatabase(absolute, options, WriterConnection.open(absolute, options));
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The options it was opened with. */
    public SqliteOptions options() {
        return options;
    }

    /** jOOQ's SQLite dialect, for rendering queries; made on first use (racing callers make equal ones). */
    public DSLContext sql() {
        DSLContext made = sql;
        if (made == null) {
            made = SqliteDialect.rendering();
            sql = made;
        }
        return made;
    }

    /** jOOQ on a given connection. */
    public DSLContext sql(Connection connection) {
        return SqliteDialect.on(connection, sql());
    }

    /**
     * Runs work in a write transaction ({@code BEGIN IMMEDIATE}) on the writer connection and
     * commits it; any exception rolls everything back. Called inside another transaction on the
     * same thread, the work joins it. A storage failure inside the transaction dooms it, even when
     * the caller catches it: SQLite may already have rolled it back (a full disk does), and what
     * followed would otherwise be written outside any transaction.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return transactions.inTransaction(work);
    }

    /**
     * Runs work under a savepoint of the open transaction ({@code SAVEPOINT}): an exception rolls
     * the file back to it ({@code ROLLBACK TO}) and puts the components' knowledge back as it was
     * when it began, then is rethrown; the transaction goes on. Outside a transaction the work runs
     * in one of its own. A storage failure inside dooms the transaction as {@link #inTransaction}
     * says: SQLite may have ended it, so there may be no savepoint left to go back to.
     */
    public <T> T inSavepoint(SqlWork<T> work) {
        return transactions.inSavepoint(work);
    }

    /**
     * The one instance of a kind of transaction-scoped state on this database, created on first
     * use: every store on the same database shares it, so none can read past another's deferred
     * write.
     */
    <T extends TransactionScoped> T transactionScoped(Class<T> type, Supplier<T> create) {
        return transactions.transactionScoped(type, create);
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    public boolean inTransaction() {
        return transactions.inTransaction();
    }

    /**
     * Runs short work on the writer connection, inside the caller's transaction when there is one.
     * Work outside a transaction that changes the file makes the components forget what they knew.
     */
    public <T> T withWriter(SqlWork<T> work) {
        return transactions.withWriter(work);
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
        return transactions.streamOnWriter(prepare, map);
    }

    /** A statement prepared once on the writer connection; only for use while holding it. */
    public PreparedStatement prepared(String statementSql) throws SQLException {
        return transactions.prepared(statementSql);
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

    @Override
    public void close() {
        transactions.close();
    }
}
