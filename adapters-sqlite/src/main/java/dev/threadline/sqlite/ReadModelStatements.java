package dev.threadline.sqlite;

import static dev.threadline.sqlite.ReadModelTable.CHECKPOINTS;
import static dev.threadline.sqlite.ReadModelTable.PROJECTS;
import static dev.threadline.sqlite.ReadModelTable.SETTINGS;
import static dev.threadline.sqlite.ReadModelTable.THREADS;
import static dev.threadline.sqlite.ReadModelTable.TURNS;

import java.util.List;

/**
 * The read models' statements, run as prepared statements kept open. Reads, listings and the
 * projector's small updates and deletes are fixed text, so a command that only reads never loads a
 * query builder; the upserts are rendered by jOOQ from the generated schema ({@link
 * ReadModelUpserts}) on the first write.
 */
final class ReadModelStatements {

    /** A message's columns, its text followed by its delta rows while it is streaming. */
    private static final String MESSAGE_COLUMNS = "m.message_id, m.thread_id, m.turn_id, m.ordinal, m.role,"
            + " m.text || coalesce((SELECT group_concat(d.delta, '' ORDER BY d.position)"
            + " FROM projection_message_deltas d WHERE d.message_id = m.message_id), ''),"
            + " m.streaming, m.created_at, m.updated_at";

    /** A message by id, in table column order. */
    static final String MESSAGE_BY_ID =
            "SELECT " + MESSAGE_COLUMNS + " FROM projection_messages m WHERE m.message_id = ?";

    /** A thread's messages in order. */
    static final String MESSAGES_OF =
            "SELECT " + MESSAGE_COLUMNS + " FROM projection_messages m WHERE m.thread_id = ? ORDER BY m.ordinal";

    /** A message's id, thread, turn and whether it is streaming. */
    static final String MESSAGE_STATE =
            "SELECT message_id, thread_id, turn_id, streaming FROM projection_messages WHERE message_id = ?";

    /** Whether a project that is not deleted has a path. */
    static final String LIVE_PATH = "SELECT 1 FROM projection_projects WHERE path = ? AND deleted = 0 LIMIT 1";

    /** The id and creation time of a project's threads that are not deleted. */
    static final String LIVE_THREADS =
            "SELECT thread_id, created_at FROM projection_threads WHERE project_id = ? AND deleted = 0";

    /** The ids of a turn's streaming messages in order. */
    static final String STREAMING =
            "SELECT message_id FROM projection_messages WHERE turn_id = ? AND streaming = 1 ORDER BY ordinal";

    /** A thread's turns in order. */
    static final String TURNS_OF =
            "SELECT " + TURNS.columns + " FROM projection_turns WHERE thread_id = ? ORDER BY ordinal";

    /** A thread's checkpoints, by creation text then id (callers sort on the parsed times). */
    static final String CHECKPOINTS_OF = "SELECT " + CHECKPOINTS.columns
            + " FROM checkpoints WHERE thread_id = ? ORDER BY created_at, checkpoint_id";

    /** Every setting by key. */
    static final String SETTINGS_BY_KEY = "SELECT " + SETTINGS.columns + " FROM settings ORDER BY key";

    /** A projector's position. */
    static final String POSITION = "SELECT position FROM projector_positions WHERE projector = ?";

    /**
     * Appends a delta row to a message: {@code ?1} the message id, {@code ?2} the delta. The next
     * position comes from the primary key's index: O(log n) however many deltas.
     */
    static final String NEXT_DELTA = "INSERT INTO projection_message_deltas (message_id, position, delta)"
            + " SELECT ?1, coalesce(max(position), 0) + 1, ?2 FROM projection_message_deltas WHERE message_id = ?1";

    /** Sets a message's update time: the time, then the message id. */
    static final String TOUCH_MESSAGE = "UPDATE projection_messages SET updated_at = ? WHERE message_id = ?";

    /** Drops a message's delta rows. */
    static final String DROP_DELTAS = "DELETE FROM projection_message_deltas WHERE message_id = ?";

    /** Sets the status of a thread's turns after an ordinal: the status, the thread, the ordinal. */
    static final String SET_STATUS_OF_TURNS_AFTER =
            "UPDATE projection_turns SET status = ? WHERE thread_id = ? AND ordinal > ?";

    /** Removes a setting. */
    static final String REMOVE_SETTING = "DELETE FROM settings WHERE key = ?";

    /** Removes a thread's rows, each statement taking the thread id, children first. */
    static final List<String> PURGE_THREAD = List.of(
            "DELETE FROM projection_message_deltas WHERE message_id IN"
                    + " (SELECT message_id FROM projection_messages WHERE thread_id = ?)",
            "DELETE FROM projection_messages WHERE thread_id = ?",
            "DELETE FROM projection_turns WHERE thread_id = ?",
            "DELETE FROM checkpoints WHERE thread_id = ?",
            "DELETE FROM projection_threads WHERE thread_id = ?");

    /** The projects, deleted ones too, by creation text then id (callers sort on the parsed times). */
    private static final String ALL_PROJECTS =
            "SELECT " + PROJECTS.columns + " FROM projection_projects ORDER BY created_at, project_id";

    private static final String LIVE_PROJECTS = "SELECT " + PROJECTS.columns
            + " FROM projection_projects WHERE deleted = 0 ORDER BY created_at, project_id";

    /** The thread listings, by which filters they have (see {@link #threads}). */
    private static final String[] THREADS_FILTERED = new String[8];

    static {
        for (int filters = 0; filters < THREADS_FILTERED.length; filters++) {
            THREADS_FILTERED[filters] = threadListing((filters & 1) != 0, (filters & 2) != 0, (filters & 4) != 0);
        }
    }

    private final Lazy<ReadModelUpserts> upserts;

    ReadModelStatements(SqliteDatabase database) {
        this.upserts = Lazy.of(() -> new ReadModelUpserts(database.sql()));
    }

    /** The projects, deleted ones too or not. */
    static String projects(boolean includeDeleted) {
        return includeDeleted ? ALL_PROJECTS : LIVE_PROJECTS;
    }

    /**
     * The threads by creation text then id (callers sort on the parsed times), with the filters
     * given: of one project (the project id is the one value), without archived ones, without
     * deleted ones.
     */
    static String threads(boolean ofProject, boolean unarchivedOnly, boolean undeletedOnly) {
        return THREADS_FILTERED[(ofProject ? 1 : 0) | (unarchivedOnly ? 2 : 0) | (undeletedOnly ? 4 : 0)];
    }

    private static String threadListing(boolean ofProject, boolean unarchivedOnly, boolean undeletedOnly) {
        StringBuilder where = new StringBuilder();
        if (ofProject) {
            where.append(" AND project_id = ?");
        }
        if (unarchivedOnly) {
            where.append(" AND archived = 0");
        }
        if (undeletedOnly) {
            where.append(" AND deleted = 0");
        }
        return "SELECT " + THREADS.columns + " FROM projection_threads"
                + (where.length() == 0 ? "" : " WHERE" + where.substring(" AND".length()))
                + " ORDER BY created_at, thread_id";
    }

    /** The upsert of a table's row, values in the table's column order. */
    String upsert(ReadModelTable table) {
        return upserts.get().upsert(table);
    }

    /** The upsert of a projector's position: the projector, then the position. */
    String setPosition() {
        return upserts.get().setPosition();
    }
}
