package dev.threadline.benchmark;

import dev.threadline.postgres.PostgresLocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The raw pgjdbc side of the {@link PostgresBenchmark} scenarios: plain event inserts and the floor
 * (the rows a command must write, by hand, nothing read or decided), on scratch schemas of the
 * server that this class names and drops. Sequences are handed out by this class, one counter for
 * every raw connection.
 */
final class PostgresBaseline {

    private static final int BATCH = PostgresBenchmark.BATCH;
    private static final String TEXT = PostgresBenchmark.TEXT;
    private static final String INSERT_EVENT = "INSERT INTO events (sequence, event_id, stream_id, stream_version,"
            + " event_type, occurred_at, recorded_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final PostgresLocation server;
    private final List<String> schemas = new ArrayList<>();
    private long rawSequence;

    PostgresBaseline(PostgresLocation server) {
        this.server = server;
    }

    /** A new scratch schema of the server, dropped by {@link #dropSchemas}. */
    PostgresLocation scratch() {
        String schema = "threadline_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        return server.withSchema(schema);
    }

    /** A connection to an already migrated schema, batched inserts rewritten, autocommit off. */
    Connection connect(PostgresLocation location) throws SQLException {
        Properties properties = new Properties();
        if (location.user() != null) {
            properties.setProperty("user", location.user());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("reWriteBatchedInserts", "true");
        Connection connection = DriverManager.getConnection(location.jdbcUrl(), properties);
        connection.setSchema(location.schema());
        connection.setAutoCommit(false);
        return connection;
    }

    void rawBatches(Connection raw, int count) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement(INSERT_EVENT)) {
            String stream = UUID.randomUUID().toString();
            for (int i = 0; i < count; i++) {
                bindEvent(insert, stream, i);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    raw.commit();
                }
            }
            insert.executeBatch();
            raw.commit();
        }
    }

    private void bindEvent(PreparedStatement insert, String stream, long version) throws SQLException {
        String at = Instant.now().toString();
        insert.setLong(1, ++rawSequence);
        insert.setString(2, UUID.randomUUID().toString());
        insert.setString(3, stream);
        insert.setLong(4, version);
        insert.setString(5, "MessageAdded");
        insert.setString(6, at);
        insert.setString(7, at);
        insert.setString(8, "{\"type\":\"MessageAdded\",\"text\":\"" + TEXT + "\"}");
    }

    /** The least a command writes, by hand: event, message, thread, search and receipt rows; a position per transaction. */
    void floorCommands(Connection raw, long firstId, int count, int perTransaction) throws SQLException {
        String thread = UUID.randomUUID().toString();
        try (PreparedStatement event = raw.prepareStatement(INSERT_EVENT);
                PreparedStatement message = raw.prepareStatement("INSERT INTO projection_messages (message_id,"
                        + " thread_id, turn_id, ordinal, role, text, streaming, created_at, updated_at) VALUES (?, ?,"
                        + " ?, ?, 'user', ?, false, ?, ?)");
                PreparedStatement threadRow = raw.prepareStatement("INSERT INTO projection_threads (thread_id,"
                        + " project_id, title, model, created_at, last_activity_at, stream_version) VALUES (?, 'p',"
                        + " 't', 'm', ?, ?, ?) ON CONFLICT (thread_id) DO UPDATE SET message_count ="
                        + " projection_threads.message_count + 1, last_activity_at = excluded.last_activity_at,"
                        + " stream_version = excluded.stream_version");
                PreparedStatement search = raw.prepareStatement("INSERT INTO search_documents (doc_key, thread_id,"
                        + " project_id, turn_id, message_id, role, at, text, tokens) VALUES (?, ?, 'p', 't', ?,"
                        + " 'user', ?, ?, to_tsvector('simple', ?))");
                PreparedStatement receipt = raw.prepareStatement("INSERT INTO command_receipts (command_id,"
                        + " command_type, fingerprint, result, first_sequence, last_sequence, recorded_at) VALUES"
                        + " (?, 'AddMessage', 'f', '{}', ?, ?, ?)");
                PreparedStatement position = raw.prepareStatement("INSERT INTO projector_positions (projector,"
                        + " position) VALUES ('read-model', ?) ON CONFLICT (projector) DO UPDATE SET position ="
                        + " excluded.position")) {
            for (int i = 0; i < count; i++) {
                String at = Instant.now().toString();
                String id = UUID.randomUUID().toString();
                bindEvent(event, thread, i);
                event.executeUpdate();
                message.setString(1, id);
                message.setString(2, thread);
                message.setString(3, "t");
                message.setLong(4, i);
                message.setString(5, TEXT);
                message.setString(6, at);
                message.setString(7, at);
                message.executeUpdate();
                threadRow.setString(1, thread);
                threadRow.setString(2, at);
                threadRow.setString(3, at);
                threadRow.setLong(4, i);
                threadRow.executeUpdate();
                search.setString(1, id);
                search.setString(2, thread);
                search.setString(3, id);
                search.setString(4, at);
                search.setString(5, TEXT);
                search.setString(6, TEXT);
                search.executeUpdate();
                receipt.setString(1, "floor-" + (firstId + i));
                receipt.setLong(2, rawSequence);
                receipt.setLong(3, rawSequence);
                receipt.setString(4, at);
                receipt.executeUpdate();
                if ((i + 1) % perTransaction == 0 || i == count - 1) {
                    position.setLong(1, rawSequence);
                    position.executeUpdate();
                    raw.commit();
                }
            }
        }
    }

    private synchronized long nextRawSequence() {
        return ++rawSequence;
    }

    void rawSingle(Connection raw, String stream, long version) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement(INSERT_EVENT)) {
            String at = Instant.now().toString();
            insert.setLong(1, nextRawSequence());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, stream);
            insert.setLong(4, version);
            insert.setString(5, "MessageAdded");
            insert.setString(6, at);
            insert.setString(7, at);
            insert.setString(8, "{\"type\":\"MessageAdded\",\"text\":\"" + TEXT + "\"}");
            insert.executeUpdate();
            raw.commit();
        }
    }

    /** The statement that drops one of the scratch schemas this class named. */
    private static String dropSchema(String schema) {
        return "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE";
    }

    void dropSchemas(Consumer<String> progress) {
        Properties properties = new Properties();
        if (server.user() != null) {
            properties.setProperty("user", server.user());
        }
        if (server.password() != null) {
            properties.setProperty("password", server.password());
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            for (String drop :
                    schemas.stream().map(PostgresBaseline::dropSchema).toList()) {
                statement.execute(drop);
            }
        } catch (SQLException e) {
            progress.accept("could not drop the scratch schemas " + schemas + ": " + e.getMessage());
        }
    }
}
