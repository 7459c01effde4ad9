package dev.threadline.sqlite;

/**
 * The statements of the {@code events} table, as fixed text: every command opens the log and most
 * read it, so none of its statements waits for a query builder to load and render it. The columns
 * are the generated schema's, in its order (a test compares them).
 */
final class EventStatements {

    private EventStatements() {}

    /** The columns every event query selects, in this order ({@link EventRows} reads them so). */
    static final String COLUMNS = "sequence, event_id, stream_id, stream_version, event_type, occurred_at,"
            + " recorded_at, command_id, causation_id, correlation_id, payload";

    /** The events after a sequence. */
    static final String REPLAY = "SELECT " + COLUMNS + " FROM events WHERE sequence > ? ORDER BY sequence";

    /** The events after a sequence up to another. */
    static final String REPLAY_UP_TO =
            "SELECT " + COLUMNS + " FROM events WHERE sequence > ? AND sequence <= ? ORDER BY sequence";

    /** Every event, undecodable ones included, in log order. */
    static final String SCAN = "SELECT " + COLUMNS + " FROM events ORDER BY sequence";

    /** A stream's events in version order. */
    static final String READ_STREAM = "SELECT " + COLUMNS + " FROM events WHERE stream_id = ? ORDER BY stream_version";

    /** The event with an id. */
    static final String BY_ID = "SELECT " + COLUMNS + " FROM events WHERE event_id = ?";

    /** The last sequence stored, 0 for none. */
    static final String LAST_SEQUENCE = "SELECT coalesce(max(sequence), 0) FROM events";

    /** The highest sequence ever used (rows removed since included), no row before the first append. */
    static final String CEILING = "SELECT seq FROM sqlite_sequence WHERE name = 'events'";

    /** A stream's version, null for a stream without events. */
    static final String STREAM_VERSION = "SELECT max(stream_version) FROM events WHERE stream_id = ?";

    /** The greatest event id stored, null for none. */
    static final String GREATEST_ID = "SELECT max(event_id) FROM events";

    /** One row, its values in {@link #COLUMNS} order. */
    static final String INSERT = "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A stream's rows. */
    static final String DELETE_STREAM = "DELETE FROM events WHERE stream_id = ?";

    /** The rows with the given number of sequences, each bound in turn. */
    static String deleteSequences(int count) {
        return "DELETE FROM events WHERE sequence IN (" + "?, ".repeat(count - 1) + "?)";
    }
}
