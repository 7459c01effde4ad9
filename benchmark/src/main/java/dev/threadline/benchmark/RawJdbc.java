package dev.threadline.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.threadline.application.port.IdSource;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * The baseline: plain sqlite-jdbc prepared statements on a database migrated by the real Flyway
 * files, opened with the same pragmas as Threadline's writer (WAL, the synchronous mode, foreign
 * keys, busy timeout), v7 ids, payloads written and read with a plain Jackson mapper.
 */
final class RawJdbc implements AutoCloseable {

    /** Where the scenarios take their new ids, as the application does. */
    private static final IdSource IDS = IdSource.timeOrdered();

    /** The payload the baseline stores: the shape of a delta event, about 300 bytes. */
    record Payload(String type, UUID threadId, UUID messageId, String delta, Instant at) {}

    static final String INSERT = "INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
            + " recorded_at, command_id, causation_id, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectWriter WRITER = MAPPER.writerFor(Payload.class);

    private final Connection connection;
    private final PreparedStatement insert;
    private long bytesWritten;
    private final List<UUID> floorThreads = new ArrayList<>();

    private RawJdbc(Connection connection) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement(INSERT);
    }

    /** Creates the database with Threadline's migration, then opens a plain connection on it. */
    static RawJdbc create(Path file, SqliteOptions options) {
        SqliteDatabase.open(file, options).close();
        return open(file, options);
    }

    /** Opens a plain connection on an existing database. */
    static RawJdbc open(Path file, SqliteOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                SQLiteConfig.SynchronousMode.valueOf(options.synchronous().name()));
        // As Threadline's writer: no "SELECT last_insert_rowid()" after every INSERT.
        config.setGetGeneratedKeys(false);
        try {
            return new RawJdbc(config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline cannot open " + file, e);
        }
    }

    static String encode(Payload payload) {
        try {
            return WRITER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain connection. */
    Connection connection() {
        return connection;
    }

    /** Total payload bytes (UTF-16 chars of ASCII text) written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Inserts events into one new stream in transactions of {@code batch} rows. */
    void appendBatches(int count, int batch, String delta) throws SQLException {
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            UUID stream = IDS.next();
            execute("BEGIN IMMEDIATE");
            for (int i = 0; i < size; i++) {
                bind(stream, i, delta);
                insert.addBatch();
            }
            insert.executeBatch();
            execute("COMMIT");
        }
    }

    /** Inserts events into one stream, one transaction each, from a version on. */
    void appendSingles(UUID stream, long fromVersion, int count, String delta) throws SQLException {
        for (int i = 0; i < count; i++) {
            execute("BEGIN IMMEDIATE");
            bind(stream, fromVersion + i, delta);
            insert.executeUpdate();
            execute("COMMIT");
        }
    }

    private void bind(UUID stream, long version, String delta) throws SQLException {
        Instant now = Instant.now();
        String payload = encode(new Payload("MessageDeltaAppended", stream, stream, delta, now));
        bytesWritten += payload.length();
        String at = now.toString();
        insert.setString(1, IDS.next().toString());
        insert.setString(2, stream.toString());
        insert.setLong(3, version);
        insert.setString(4, "MessageDeltaAppended");
        insert.setString(5, at);
        insert.setString(6, at);
        insert.setString(7, null);
        insert.setString(8, null);
        insert.setString(9, null);
        insert.setString(10, payload);
    }

    /**
     * The least a command with inline projections and a receipt must write, by hand: for each
     * command the event, its message row, its search document (which reads its text, turn, role and
     * time from the message row) and its receipt are inserted (each table's rows as one JDBC batch
     * per transaction, the cheapest way sqlite-jdbc offers); for
     * each transaction the full-text index entries of its documents are added in one statement (the
     * schema's triggers note each new document, as they do for Threadline), and
     * the thread row and the projector's position are written once. No reads, no decisions, no
     * checks: a floor for the command scenarios, not a design.
     *
     * @param firstCommand the number of the first command, so that receipts and versions go on
     * @param count how many commands
     * @param perTransaction how many commands share a transaction
     * @param text the message text
     */
    void commandWrites(long firstCommand, int count, int perTransaction, String text) throws SQLException {
        commandWrites(firstCommand, count, perTransaction, text, true, 1);
    }

    /**
     * As {@link #commandWrites(long, int, int, String)}, with the commands spread over {@code
     * threads} conversation threads in turn (a stream each, as many callers writing to threads of
     * their own do), so that a transaction writes each of its threads' rows and index entries where
     * that thread's are; or, when {@code searchable} is false, the same writes without the message's
     * search document and full-text index entries: what a command would cost if the index were not
     * written in its transaction.
     *
     * @param threads how many threads the commands go to in turn; command {@code c} (counting from
     *     {@code firstCommand + 1}) is number {@code c / threads} of thread {@code c % threads}
     */
    void commandWrites(long firstCommand, int count, int perTransaction, String text, boolean searchable, int threads)
            throws SQLException {
        UUID[] streams = floorThreads(threads);
        try (PreparedStatement message = connection.prepareStatement(
                        "INSERT INTO projection_messages (message_id, thread_id, turn_id, ordinal, role, text,"
                                + " streaming, created_at, updated_at) VALUES (?, ?, ?, ?, 'user', ?, 0, ?, ?)");
                PreparedStatement receipt = connection.prepareStatement(
                        "INSERT INTO command_receipts (command_id, command_type, fingerprint, result, first_sequence,"
                                + " last_sequence, recorded_at) VALUES (?, 'AddMessage', ?, ?, ?, ?, ?)");
                PreparedStatement thread = connection.prepareStatement(
                        "INSERT INTO projection_threads (thread_id, project_id, title, model, message_count,"
                                + " created_at, last_activity_at, stream_version) VALUES (?, ?, 'bench', 'bench', ?,"
                                + " ?, ?, ?) ON CONFLICT (thread_id) DO UPDATE SET message_count ="
                                + " excluded.message_count, last_activity_at = excluded.last_activity_at,"
                                + " stream_version = excluded.stream_version");
                PreparedStatement document = connection.prepareStatement(
                        "INSERT INTO search_documents (doc_key, thread_id, project_id) VALUES (?, ?, ?)");
                PreparedStatement index = connection.prepareStatement(
                        "INSERT INTO search_index (rowid, text) SELECT p.document_id, d.text FROM search_pending p"
                                + " JOIN search_content d ON d.document_id = p.document_id");
                PreparedStatement indexed = connection.prepareStatement("DELETE FROM search_pending");
                PreparedStatement position = connection.prepareStatement(
                        "INSERT INTO projector_positions (projector, position) VALUES ('read-models', ?)"
                                + " ON CONFLICT (projector) DO UPDATE SET position = excluded.position")) {
            long command = firstCommand;
            long[] lastOfThread = new long[threads];
            for (int done = 0; done < count; done += perTransaction) {
                execute("BEGIN IMMEDIATE");
                String at = null;
                Arrays.fill(lastOfThread, -1);
                for (int i = 0; i < Math.min(perTransaction, count - done); i++) {
                    command++;
                    int of = (int) (command % threads);
                    long number = command / threads;
                    lastOfThread[of] = number;
                    String stream = streams[of].toString();
                    bind(streams[of], number, text);
                    insert.addBatch();
                    at = Instant.now().toString();
                    String messageId = IDS.next().toString();
                    message.setString(1, messageId);
                    message.setString(2, stream);
                    message.setString(3, stream);
                    message.setLong(4, number);
                    message.setString(5, text);
                    message.setString(6, at);
                    message.setString(7, at);
                    message.addBatch();
                    if (searchable) {
                        document.setString(1, messageId);
                        document.setString(2, stream);
                        document.setString(3, stream);
                        document.addBatch();
                    }
                    receipt.setString(1, "floor-" + of + "-" + number);
                    receipt.setString(2, FINGERPRINT);
                    receipt.setString(
                            3,
                            "{\"ids\":{\"messageId\":\"" + messageId + "\"},\"lastSequence\":" + command
                                    + ",\"eventCount\":1}");
                    receipt.setLong(4, command);
                    receipt.setLong(5, command);
                    receipt.setString(6, at);
                    receipt.addBatch();
                }
                insert.executeBatch();
                message.executeBatch();
                receipt.executeBatch();
                if (searchable) {
                    document.executeBatch();
                    index.executeUpdate();
                    indexed.executeUpdate();
                }
                for (int of = 0; of < threads; of++) {
                    if (lastOfThread[of] >= 0) {
                        String stream = streams[of].toString();
                        thread.setString(1, stream);
                        thread.setString(2, stream);
                        thread.setLong(3, lastOfThread[of]);
                        thread.setString(4, at);
                        thread.setString(5, at);
                        thread.setLong(6, lastOfThread[of]);
                        thread.executeUpdate();
                    }
                }
                position.setLong(1, command);
                position.executeUpdate();
                execute("COMMIT");
            }
        }
    }

    /** The streams of {@link #commandWrites}: the first {@code threads} of this connection's. */
    private UUID[] floorThreads(int threads) {
        while (floorThreads.size() < threads) {
            floorThreads.add(IDS.next());
        }
        return floorThreads.subList(0, threads).toArray(UUID[]::new);
    }

    /** A receipt's fingerprint is a SHA-256 in hex. */
    private static final String FINGERPRINT = "0".repeat(64);

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
