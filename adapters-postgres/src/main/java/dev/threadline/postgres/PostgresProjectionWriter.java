package dev.threadline.postgres;

import dev.threadline.application.port.ProjectionWriter;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;
import java.util.List;

/** The projector's writes: upserts by primary key, in the caller's transaction or one of their own. */
final class PostgresProjectionWriter implements ProjectionWriter {

    /** The read-model tables, in the order they are compared and cleared. */
    static final List<String> TABLES = List.of(
            "projection_projects",
            "projection_threads",
            "projection_turns",
            "projection_messages",
            "projection_message_deltas",
            "checkpoints",
            "settings",
            "search_documents");

    private static final String PROJECT = upsert(
            "projection_projects",
            "project_id",
            "name",
            "path",
            "deleted",
            "created_at",
            "updated_at",
            "stream_version");
    private static final String THREAD = upsert(
            "projection_threads",
            "thread_id",
            "project_id",
            "title",
            "model",
            "archived",
            "deleted",
            "turn_count",
            "message_count",
            "running_turn_id",
            "created_at",
            "last_activity_at",
            "stream_version",
            "parent_thread_id",
            "fork_message_id");
    private static final String TURN =
            upsert("projection_turns", "turn_id", "thread_id", "ordinal", "status", "error", "started_at", "ended_at");
    private static final String MESSAGE = upsert(
            "projection_messages",
            "message_id",
            "thread_id",
            "turn_id",
            "ordinal",
            "role",
            "text",
            "streaming",
            "created_at",
            "updated_at");
    private static final String CHECKPOINT = upsert(
            "checkpoints",
            "checkpoint_id",
            "thread_id",
            "turn_id",
            "git_ref",
            "message",
            "created_at",
            "restored_at",
            "snapshot_commit",
            "skipped");
    private static final String SETTING = upsert("settings", "key", "value", "updated_at");

    private final PostgresDatabase database;

    PostgresProjectionWriter(PostgresDatabase database) {
        this.database = database;
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE} of every other column; the key comes first. */
    static String upsert(String table, String key, String... others) {
        StringBuilder columns = new StringBuilder(key);
        StringBuilder marks = new StringBuilder("?");
        StringBuilder updates = new StringBuilder();
        for (String column : others) {
            columns.append(", ").append(column);
            marks.append(", ?");
            updates.append(updates.isEmpty() ? "" : ", ")
                    .append(column)
                    .append(" = excluded.")
                    .append(column);
        }
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + updates;
    }

    @Override
    public void putProject(ProjectView project) {
        database.update(PROJECT, RowMapping.values(project));
    }

    @Override
    public void putThread(ThreadView thread) {
        database.update(THREAD, RowMapping.values(thread));
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            transaction.knowThread(thread);
        }
    }

    @Override
    public void putTurn(TurnView turn) {
        database.update(TURN, RowMapping.values(turn));
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        database.update(
                "UPDATE projection_turns SET status = ? WHERE thread_id = ? AND ordinal > ?",
                TurnStatus.REVERTED.label(),
                thread,
                ordinal);
    }

    @Override
    public void putMessage(MessageView message) {
        database.inTransaction(connection -> {
            database.update(MESSAGE, RowMapping.values(message));
            // The view carries the whole text, deltas included (as a read returns it): fold them away.
            database.update("DELETE FROM projection_message_deltas WHERE message_id = ?", message.id());
            return null;
        });
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        database.inTransaction(connection -> {
            int touched = database.update("UPDATE projection_messages SET updated_at = ? WHERE message_id = ?", at, id);
            if (touched > 0) {
                // A row of its own rather than text = text || ?, so a delta's cost does not grow with the text.
                database.update(
                        "INSERT INTO projection_message_deltas (message_id, position, delta) SELECT ?,"
                                + " coalesce(max(position), 0) + 1, ? FROM projection_message_deltas WHERE message_id = ?",
                        id,
                        delta,
                        id);
            }
            return null;
        });
    }

    @Override
    public void putCheckpoint(CheckpointView checkpoint) {
        database.update(CHECKPOINT, RowMapping.values(checkpoint));
    }

    @Override
    public void putSetting(SettingView setting) {
        database.update(SETTING, RowMapping.values(setting));
    }

    @Override
    public void removeSetting(String key) {
        database.update("DELETE FROM settings WHERE key = ?", key);
    }

    @Override
    public void purgeThread(ThreadId thread) {
        database.inTransaction(connection -> {
            database.update(
                    "DELETE FROM projection_message_deltas WHERE message_id IN (SELECT message_id FROM"
                            + " projection_messages WHERE thread_id = ?)",
                    thread);
            for (String delete : List.of(
                    "DELETE FROM projection_messages WHERE thread_id = ?",
                    "DELETE FROM projection_turns WHERE thread_id = ?",
                    "DELETE FROM checkpoints WHERE thread_id = ?",
                    "DELETE FROM projection_threads WHERE thread_id = ?")) {
                database.update(delete, thread);
            }
            database.openTransaction().forgetThreads(thread);
            return null;
        });
    }

    @Override
    public void clear() {
        database.inTransaction(connection -> {
            database.update("TRUNCATE " + String.join(", ", TABLES));
            database.openTransaction().forgetThreads(null);
            return null;
        });
    }
}
