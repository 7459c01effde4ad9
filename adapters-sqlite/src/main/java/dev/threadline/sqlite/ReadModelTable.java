package dev.threadline.sqlite;

/**
 * The read-model tables read by key and written by upsert: their names and columns, in the
 * generated schema's order (a test compares them), which is the order {@link ReadModelRowMapping}
 * reads and writes. The first column is the primary key.
 */
enum ReadModelTable {
    PROJECTS("projection_projects", "project_id, name, path, deleted, created_at, updated_at, stream_version"),
    THREADS(
            "projection_threads",
            "thread_id, project_id, title, model, archived, deleted, turn_count, message_count, running_turn_id,"
                    + " created_at, last_activity_at, stream_version, parent_thread_id, fork_message_id"),
    TURNS("projection_turns", "turn_id, thread_id, ordinal, status, error, started_at, ended_at"),
    MESSAGES(
            "projection_messages",
            "message_id, thread_id, turn_id, ordinal, role, text, streaming, created_at, updated_at"),
    CHECKPOINTS(
            "checkpoints",
            "checkpoint_id, thread_id, turn_id, git_ref, message, created_at, restored_at, snapshot_commit, skipped"),
    SETTINGS("settings", "key, value, updated_at");

    /** The table's name. */
    final String table;
    /** Its columns, comma-separated, in table order. */
    final String columns;
    /** Its primary key column. */
    final String key;
    /** {@code SELECT} of every column, in table order, of the row with a key. */
    final String byKey;

    ReadModelTable(String table, String columns) {
        this.table = table;
        this.columns = columns;
        this.key = columns.substring(0, columns.indexOf(','));
        this.byKey = "SELECT " + columns + " FROM " + table + " WHERE " + key + " = ?";
    }
}
