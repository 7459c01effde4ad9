package dev.threadline.benchmark;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.threadline.benchmark.RawJdbc.Payload;
import dev.threadline.sqlite.SqliteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/** The baseline's reads of a whole log: replay with decoding, a hand-written rebuild, payload bytes. */
final class RawReads {

    private static final ObjectReader READER = RawJdbc.MAPPER.readerFor(Payload.class);

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

    static final String SELECT = "SELECT sequence, event_id, stream_id, stream_version, event_type, occurred_at,"
            + " recorded_at, command_id, causation_id, correlation_id, payload FROM events WHERE sequence > ?"
            + " ORDER BY sequence";

    private RawReads() {}

    /** Reads and decodes every event of a database, returning how many. */
    static long replay(Path file, SqliteOptions options) throws SQLException {
        try (RawJdbc reader = RawJdbc.open(file, options);
                PreparedStatement select = reader.connection().prepareStatement(SELECT)) {
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
        try (RawJdbc raw = RawJdbc.open(file, options);
                PreparedStatement select = raw.connection().prepareStatement(SELECT);
                PreparedStatement put = raw.connection()
                        .prepareStatement(
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
                    String text = RawJdbc.MAPPER
                            .readTree(rows.getString(11))
                            .path("text")
                            .asText("");
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
        try (RawJdbc reader = RawJdbc.open(file, options);
                Statement statement = reader.connection().createStatement();
                ResultSet row = statement.executeQuery("SELECT (SELECT page_count FROM pragma_page_count())"
                        + " * (SELECT page_size FROM pragma_page_size()) / max(1, (SELECT count(*) FROM events))")) {
            return row.getLong(1);
        }
    }

    /** The bytes of the database's pages that hold data: its pages less the free ones. */
    static long bytesInUse(Path file, SqliteOptions options) throws SQLException {
        try (RawJdbc reader = RawJdbc.open(file, options);
                Statement statement = reader.connection().createStatement()) {
            return bytesInUse(statement);
        }
    }

    /** The bytes of the pages in use in the database of a statement's connection. */
    static long bytesInUse(Statement statement) throws SQLException {
        long pages = single(statement, "PRAGMA page_count") - single(statement, "PRAGMA freelist_count");
        return pages * single(statement, "PRAGMA page_size");
    }

    private static long single(Statement statement, String pragma) throws SQLException {
        try (ResultSet rows = statement.executeQuery(pragma)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** The bytes of the payloads stored after a sequence. */
    static long payloadBytes(Path file, SqliteOptions options, long after) throws SQLException {
        try (RawJdbc reader = RawJdbc.open(file, options);
                PreparedStatement sum = reader.connection()
                        .prepareStatement(
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
                RawJdbc.MAPPER.readTree(json);
                return null;
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }
}
