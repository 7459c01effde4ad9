package dev.threadline.benchmark;

import dev.threadline.application.port.IdSource;
import dev.threadline.postgres.PostgresLocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
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
    /** Event and message ids, time-ordered as Threadline's are. */
    private static final IdSource IDS = IdSource.timeOrdered();

    private static final String EVENT_TYPE = "MessageDeltaAppended";
    private static final String TEXT = PostgresBenchmark.TEXT;
    private static final String INTO_EVENTS = "INSERT INTO events (sequence, event_id, stream_id, stream_version,"
            + " event_type, occurred_at, recorded_at, payload) VALUES ";
    private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT = INTO_EVENTS + EVENT_ROW;
    // The floor's rows: a command's message, thread, search document and receipt, and the position.
    private static final String INTO_MESSAGES = "INSERT INTO projection_messages (message_id, thread_id, turn_id,"
            + " ordinal, role, text, streaming, created_at, updated_at) VALUES ";
    private static final String MESSAGE_ROW = "(?, ?, ?, ?, 'user', ?, false, ?, ?)";
    private static final String INTO_THREADS = "INSERT INTO projection_threads (thread_id, project_id, title, model,"
            + " created_at, last_activity_at, stream_version) VALUES ";
    private static final String THREAD_ROW = "(?, 'p', 't', 'm', ?, ?, ?)";
    private static final String THREAD_CONFLICT = " ON CONFLICT (thread_id) DO UPDATE SET message_count ="
            + " projection_threads.message_count + 1, last_activity_at = excluded.last_activity_at,"
            + " stream_version = excluded.stream_version";
    private static final String INTO_SEARCH = "INSERT INTO search_documents (doc_key, thread_id, project_id, turn_id,"
            + " message_id, role, at, text, tokens) VALUES ";
    private static final String SEARCH_ROW = "(?, ?, 'p', 't', ?, 'user', ?, ?, to_tsvector('simple', ?))";
    private static final String INTO_RECEIPTS = "INSERT INTO command_receipts (command_id, command_type, fingerprint,"
            + " result, first_sequence, last_sequence, recorded_at) VALUES ";
    private static final String RECEIPT_ROW = "(?, 'AddMessage', 'f', '{}', ?, ?, ?)";
    private static final String SET_POSITION = "INSERT INTO projector_positions (projector, position) VALUES"
            + " ('read-model', ?) ON CONFLICT (projector) DO UPDATE SET position = excluded.position";
    /** The statement of Threadline's writer lock (the adapter's {@code WriterLock}), without its read. */
    private static final String WRITER_LOCK = "SELECT pg_advisory_xact_lock(?)";

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
        bindEvent(new Parameters(insert), stream, version);
    }

    /**
     * Binds an event row, numbered by the next raw sequence: a time-ordered id and a payload of the
     * shape and size Threadline writes for a delta (its type, thread, message, text and time, by
     * Jackson), as the SQLite baseline does.
     */
    private void bindEvent(Parameters row, String stream, long version) throws SQLException {
        Instant at = Instant.now();
        row.number(++rawSequence);
        row.text(IDS.next().toString());
        row.text(stream);
        row.number(version);
        row.text(EVENT_TYPE);
        row.text(at.toString());
        row.text(at.toString());
        row.text(payload(stream, at));
    }

    /** A delta's payload, as Threadline's codec writes one. */
    private static String payload(String stream, Instant at) {
        return RawJdbc.encode(new RawJdbc.Payload(EVENT_TYPE, UUID.fromString(stream), IDS.next(), TEXT, at));
    }

    /** The least a command writes, by hand: event, message, thread, search and receipt rows; a position per transaction. */
    void floorCommands(Connection raw, long firstId, int count, int perTransaction) throws SQLException {
        floorCommands(raw, new FloorThreads(1), firstId, count, perTransaction, OptionalLong.empty());
    }

    /**
     * The floor of {@link #floorCommands(Connection, long, int, int)} for commands spread over
     * conversation threads, one statement (and round trip) per row. With a writer lock key, each
     * transaction first takes the lock as Threadline's writer does, in a round trip of its own.
     */
    void floorCommands(
            Connection raw, FloorThreads threads, long firstId, int count, int perTransaction, OptionalLong writerLock)
            throws SQLException {
        try (PreparedStatement event = raw.prepareStatement(INSERT_EVENT);
                PreparedStatement message = raw.prepareStatement(INTO_MESSAGES + MESSAGE_ROW);
                PreparedStatement threadRow = raw.prepareStatement(INTO_THREADS + THREAD_ROW + THREAD_CONFLICT);
                PreparedStatement search = raw.prepareStatement(INTO_SEARCH + SEARCH_ROW);
                PreparedStatement receipt = raw.prepareStatement(INTO_RECEIPTS + RECEIPT_ROW);
                PreparedStatement position = raw.prepareStatement(SET_POSITION);
                PreparedStatement lock = raw.prepareStatement(WRITER_LOCK)) {
            for (int i = 0; i < count; i++) {
                if (i % perTransaction == 0 && writerLock.isPresent()) {
                    lock.setLong(1, writerLock.getAsLong());
                    lock.execute();
                }
                FloorCommand command = threads.next(firstId + i);
                bindEvent(event, command.thread(), command.version());
                event.executeUpdate();
                bindMessage(new Parameters(message), command);
                message.executeUpdate();
                bindThread(new Parameters(threadRow), command);
                threadRow.executeUpdate();
                bindSearch(new Parameters(search), command);
                search.executeUpdate();
                bindReceipt(new Parameters(receipt), command, rawSequence);
                receipt.executeUpdate();
                if ((i + 1) % perTransaction == 0 || i == count - 1) {
                    position.setLong(1, rawSequence);
                    position.executeUpdate();
                    raw.commit();
                }
            }
        }
    }

    /**
     * The same rows as the floor under the writer lock, but each transaction in one round trip:
     * the lock, one multi-row insert per table, the position and the {@code COMMIT} in one
     * multi-statement text, as the fewest round trips a transaction can take. A transaction holds
     * one command of each thread at most (a multi-row upsert cannot change a thread's row twice).
     */
    void floorInOneRoundTrip(
            Connection raw, FloorThreads threads, long firstId, int count, int perTransaction, long writerLock)
            throws SQLException {
        if (perTransaction > threads.count()) {
            throw new IllegalArgumentException(
                    perTransaction + " commands per transaction over " + threads.count() + " threads");
        }
        try (PreparedStatement full = raw.prepareStatement(oneRoundTrip(perTransaction))) {
            for (int done = 0; done < count; done += perTransaction) {
                int size = Math.min(perTransaction, count - done);
                List<FloorCommand> commands = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    commands.add(threads.next(firstId + done + i));
                }
                if (size == perTransaction) {
                    sendInOneRoundTrip(full, commands, writerLock);
                } else {
                    try (PreparedStatement rest = raw.prepareStatement(oneRoundTrip(size))) {
                        sendInOneRoundTrip(rest, commands, writerLock);
                    }
                }
                raw.commit(); // sends nothing: the text committed
            }
        }
    }

    /** The text of one transaction of {@code commands} commands: lock, rows, position, commit. */
    private static String oneRoundTrip(int commands) {
        return String.join(
                ";\n",
                WRITER_LOCK,
                INTO_EVENTS + rows(EVENT_ROW, commands),
                INTO_MESSAGES + rows(MESSAGE_ROW, commands),
                INTO_THREADS + rows(THREAD_ROW, commands) + THREAD_CONFLICT,
                INTO_SEARCH + rows(SEARCH_ROW, commands),
                INTO_RECEIPTS + rows(RECEIPT_ROW, commands),
                SET_POSITION,
                "COMMIT");
    }

    private static String rows(String row, int count) {
        return String.join(", ", Collections.nCopies(count, row));
    }

    private void sendInOneRoundTrip(PreparedStatement text, List<FloorCommand> commands, long writerLock)
            throws SQLException {
        Parameters parameters = new Parameters(text);
        parameters.number(writerLock);
        long first = rawSequence + 1;
        for (FloorCommand command : commands) {
            bindEvent(parameters, command.thread(), command.version());
        }
        for (FloorCommand command : commands) {
            bindMessage(parameters, command);
        }
        for (FloorCommand command : commands) {
            bindThread(parameters, command);
        }
        for (FloorCommand command : commands) {
            bindSearch(parameters, command);
        }
        long sequence = first;
        for (FloorCommand command : commands) {
            bindReceipt(parameters, command, sequence++);
        }
        parameters.number(rawSequence);
        text.execute();
    }

    private static void bindMessage(Parameters row, FloorCommand command) throws SQLException {
        row.text(command.id());
        row.text(command.thread());
        row.text("t");
        row.number(command.version());
        row.text(TEXT);
        row.text(command.at());
        row.text(command.at());
    }

    private static void bindThread(Parameters row, FloorCommand command) throws SQLException {
        row.text(command.thread());
        row.text(command.at());
        row.text(command.at());
        row.number(command.version());
    }

    private static void bindSearch(Parameters row, FloorCommand command) throws SQLException {
        row.text(command.id());
        row.text(command.thread());
        row.text(command.id());
        row.text(command.at());
        row.text(TEXT);
        row.text(TEXT);
    }

    private static void bindReceipt(Parameters row, FloorCommand command, long sequence) throws SQLException {
        row.text(command.commandId());
        row.number(sequence);
        row.number(sequence);
        row.text(command.at());
    }

    /**
     * Makes a connection's commits return before their WAL is flushed ({@code synchronous_commit}
     * off for its session): not durable, only to measure what waiting for the flush costs.
     */
    void skipFlushWait(Connection raw) throws SQLException {
        try (Statement statement = raw.createStatement()) {
            statement.execute("SET synchronous_commit TO off");
        }
        raw.commit();
    }

    /** The key of Threadline's writer lock on a schema, made as the adapter's {@code WriterLock} makes it. */
    static long writerLockKey(String schema) {
        return ("threadline:" + schema).hashCode() & 0xFFFFFFFFL;
    }

    /**
     * Conversation threads that a floor's commands are spread over, round robin, as the callers of
     * {@code pg-concurrent-commands} each run commands on a thread of their own; each thread's
     * stream (its events' versions, its messages' ordinals) goes on from round to round.
     */
    static final class FloorThreads {

        private final String[] ids;
        private final long[] versions;
        private int next;

        FloorThreads(int count) {
            ids = new String[count];
            versions = new long[count];
            for (int t = 0; t < count; t++) {
                ids[t] = UUID.randomUUID().toString();
            }
        }

        int count() {
            return ids.length;
        }

        /** The next command: on the next thread in turn, at that thread's next version. */
        FloorCommand next(long commandNumber) {
            int thread = next;
            next = (next + 1) % ids.length;
            return new FloorCommand(
                    ids[thread],
                    versions[thread]++,
                    IDS.next().toString(),
                    "floor-" + commandNumber,
                    Instant.now().toString());
        }
    }

    /** What one floor command writes: its thread and version there, its message id, command id and time. */
    record FloorCommand(String thread, long version, String id, String commandId, String at) {}

    /** Binds a statement's parameters one after another. */
    private static final class Parameters {

        private final PreparedStatement statement;
        private int index = 1;

        Parameters(PreparedStatement statement) {
            this.statement = statement;
        }

        void text(String value) throws SQLException {
            statement.setString(index++, value);
        }

        void number(long value) throws SQLException {
            statement.setLong(index++, value);
        }
    }

    private synchronized long nextRawSequence() {
        return ++rawSequence;
    }

    void rawSingle(Connection raw, String stream, long version) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement(INSERT_EVENT)) {
            Instant at = Instant.now();
            insert.setLong(1, nextRawSequence());
            insert.setString(2, IDS.next().toString());
            insert.setString(3, stream);
            insert.setLong(4, version);
            insert.setString(5, EVENT_TYPE);
            insert.setString(6, at.toString());
            insert.setString(7, at.toString());
            insert.setString(8, payload(stream, at));
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
