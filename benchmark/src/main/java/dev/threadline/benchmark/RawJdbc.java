package dev.threadline.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.threadline.application.port.IdSource;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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

    /** A decoded row, as a hand-written event store would build it. */
    record Row(
            long sequence,
            UUID eventId,
            String streamId,
            long streamVersion,
            String type,
            Instant occurredAt,
            Instant recordedAt,
            String commandId,
            String causationId,
            String correlationId,
            Payload payload) {}

    static final String INSERT = "INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
            + " recorded_at, command_id, causation_id, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT sequence, event_id, stream_id, stream_version, event_type, occurred_at,"
            + " recorded_at, command_id, causation_id, correlation_id, payload FROM events WHERE sequence > ?"
            + " ORDER BY sequence";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectWriter WRITER = MAPPER.writerFor(Payload.class);
    private static final ObjectReader READER = MAPPER.readerFor(Payload.class);

    private final Connection connection;
    private final PreparedStatement insert;
    private long bytesWritten;

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
     * command the event, its message row and its receipt are inserted (each table's rows as one
     * JDBC batch per transaction, the cheapest way sqlite-jdbc offers); for each transaction the
     * thread row and the projector's position are written once. No reads, no decisions, no
     * checks: a floor for the command scenarios, not a design.
     *
     * @param firstCommand the number of the first command, so that receipts and versions go on
     * @param count how many commands
     * @param perTransaction how many commands share a transaction
     * @param text the message text
     */
    void commandWrites(long firstCommand, int count, int perTransaction, String text) throws SQLException {
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
                PreparedStatement position = connection.prepareStatement(
                        "INSERT INTO projector_positions (projector, position) VALUES ('read-models', ?)"
                                + " ON CONFLICT (projector) DO UPDATE SET position = excluded.position")) {
            String stream = FLOOR_THREAD.toString();
            long command = firstCommand;
            for (int done = 0; done < count; done += perTransaction) {
                execute("BEGIN IMMEDIATE");
                String at = null;
                for (int i = 0; i < Math.min(perTransaction, count - done); i++) {
                    command++;
                    bind(FLOOR_THREAD, command, text);
                    insert.addBatch();
                    at = Instant.now().toString();
                    String messageId = IDS.next().toString();
                    message.setString(1, messageId);
                    message.setString(2, stream);
                    message.setString(3, stream);
                    message.setLong(4, command);
                    message.setString(5, text);
                    message.setString(6, at);
                    message.setString(7, at);
                    message.addBatch();
                    receipt.setString(1, "floor-" + command);
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
                thread.setString(1, stream);
                thread.setString(2, stream);
                thread.setLong(3, command);
                thread.setString(4, at);
                thread.setString(5, at);
                thread.setLong(6, command);
                thread.executeUpdate();
                position.setLong(1, command);
                position.executeUpdate();
                execute("COMMIT");
            }
        }
    }

    /** The stream of {@link #commandWrites}. */
    private static final UUID FLOOR_THREAD = IDS.next();

    /** A receipt's fingerprint is a SHA-256 in hex. */
    private static final String FINGERPRINT = "0".repeat(64);

    /** Reads and decodes every event of a database, returning how many. */
    static long replay(Path file, SqliteOptions options) throws SQLException {
        try (RawJdbc reader = open(file, options);
                PreparedStatement select = reader.connection.prepareStatement(SELECT)) {
            select.setLong(1, 0);
            long count = 0;
            long check = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Row row = new Row(
                            rows.getLong(1),
                            UUID.fromString(rows.getString(2)),
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getString(5),
                            Instant.parse(rows.getString(6)),
                            Instant.parse(rows.getString(7)),
                            rows.getString(8),
                            rows.getString(9),
                            rows.getString(10),
                            decode(rows.getString(11)));
                    check += row.streamVersion();
                    count++;
                }
            }
            return check >= 0 ? count : -count;
        }
    }

    /**
     * The baseline's rebuild: reads the log, decodes every payload and writes one read-model row
     * per event with a batched prepared statement, in one transaction rolled back at the end so the
     * store is left as it was.
     */
    static long rebuild(Path file, SqliteOptions options) throws SQLException {
        try (RawJdbc raw = open(file, options);
                PreparedStatement select = raw.connection.prepareStatement(SELECT);
                PreparedStatement put = raw.connection.prepareStatement(
                        "INSERT INTO projection_messages (message_id, thread_id, turn_id, ordinal, role, text,"
                                + " streaming, created_at, updated_at) VALUES (?, ?, ?, ?, 'user', ?, 0, ?, ?)")) {
            raw.execute("BEGIN IMMEDIATE");
            raw.execute("DELETE FROM projection_messages");
            select.setLong(1, 0);
            long count = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(2);
                    String at = Instant.parse(rows.getString(6)).toString();
                    String text =
                            MAPPER.readTree(rows.getString(11)).path("text").asText("");
                    put.setString(1, id);
                    put.setString(2, rows.getString(3));
                    put.setString(3, id);
                    put.setLong(4, rows.getLong(4));
                    put.setString(5, text);
                    put.setString(6, at);
                    put.setString(7, at);
                    put.addBatch();
                    if (++count % 1_000 == 0) {
                        put.executeBatch();
                    }
                }
            }
            put.executeBatch();
            raw.execute("ROLLBACK");
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database's size (its pages, the write-ahead log's included) divided by its events. */
    static long bytesPerEvent(Path file, SqliteOptions options) throws SQLException {
        try (RawJdbc reader = open(file, options);
                Statement statement = reader.connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT (SELECT page_count FROM pragma_page_count())"
                        + " * (SELECT page_size FROM pragma_page_size()) / max(1, (SELECT count(*) FROM events))")) {
            return row.getLong(1);
        }
    }

    /** The bytes of the payloads stored after a sequence. */
    static long payloadBytes(Path file, SqliteOptions options, long after) throws SQLException {
        try (RawJdbc reader = open(file, options);
                PreparedStatement sum = reader.connection.prepareStatement(
                        "SELECT coalesce(sum(length(CAST(payload AS BLOB))), 0) FROM events WHERE sequence > ?")) {
            sum.setLong(1, after);
            try (ResultSet rows = sum.executeQuery()) {
                return rows.getLong(1);
            }
        }
    }

    private static Payload decode(String json) {
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            // Rows written by Threadline carry other payload types: their shape is the same
            // amount of work to parse, so a tree stands in for them.
            try {
                MAPPER.readTree(json);
                return null;
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    private void execute(String sql) throws SQLException {
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
