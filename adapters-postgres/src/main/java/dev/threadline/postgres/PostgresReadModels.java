package dev.threadline.postgres;

import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The read models' reads: inside a transaction on its connection (so they see its writes), else on
 * a pooled one. Inside a write transaction a thread's row is read once and then known ({@link
 * WriteTransaction}). Creation order is sorted on the parsed instants, because the stored text has 0, 3,
 * 6 or 9 fraction digits and so its text order is not its time order.
 */
final class PostgresReadModels implements ReadModels {

    /** A message's columns, its text followed by the deltas streamed into it so far. */
    private static final String MESSAGE = "SELECT m.message_id, m.thread_id, m.turn_id, m.ordinal, m.role, m.text"
            + " || coalesce((SELECT string_agg(d.delta, '' ORDER BY d.position) FROM projection_message_deltas d"
            + " WHERE d.message_id = m.message_id), ''), m.streaming, m.created_at, m.updated_at"
            + " FROM projection_messages m WHERE ";

    private final PostgresDatabase database;

    PostgresReadModels(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return database.first("SELECT * FROM projection_projects WHERE project_id = ?", RowMapping::project, id);
    }

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        return database
                .list(
                        "SELECT * FROM projection_projects" + (includeDeleted ? "" : " WHERE deleted = 0"),
                        RowMapping::project)
                .stream()
                .sorted(Comparator.comparing(ProjectView::createdAt).thenComparing(p -> p.id().toString()))
                .toList();
    }

    @Override
    public boolean livePathTaken(String path) {
        return database.first(
                        "SELECT 1 FROM projection_projects WHERE path = ? AND deleted = 0 LIMIT 1", rows -> true, path)
                .isPresent();
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        WriteTransaction transaction = database.openTransaction();
        ThreadView known = transaction == null ? null : transaction.thread(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ThreadView> read =
                database.first("SELECT * FROM projection_threads WHERE thread_id = ?", RowMapping::thread, id);
        if (transaction != null) {
            read.ifPresent(transaction::knowThread);
        }
        return read;
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM projection_threads WHERE true");
        List<Object> values = new ArrayList<>();
        if (filter.project() != null) {
            sql.append(" AND project_id = ?");
            values.add(filter.project());
        }
        if (!filter.includeArchived()) {
            sql.append(" AND archived = 0");
        }
        if (!filter.includeDeleted()) {
            sql.append(" AND deleted = 0");
        }
        return database.list(sql.toString(), RowMapping::thread, values.toArray()).stream()
                .sorted(Comparator.comparing(ThreadView::createdAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        record Live(ThreadId id, Instant createdAt) {}
        return database
                .list(
                        "SELECT thread_id, created_at FROM projection_threads WHERE project_id = ? AND deleted = 0",
                        rows -> new Live(
                                new ThreadId(RowMapping.uuid(rows.getString(1))),
                                RowMapping.instant(rows.getString(2))),
                        project)
                .stream()
                .sorted(Comparator.comparing(Live::createdAt).thenComparing(t -> t.id().toString()))
                .map(Live::id)
                .toList();
    }

    @Override
    public Optional<TurnView> turn(TurnId id) {
        return database.first("SELECT * FROM projection_turns WHERE turn_id = ?", RowMapping::turn, id);
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return database.list(
                "SELECT * FROM projection_turns WHERE thread_id = ? ORDER BY ordinal", RowMapping::turn, thread);
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        return database.first(MESSAGE + "m.message_id = ?", RowMapping::message, id);
    }

    @Override
    public Optional<MessageState> messageState(MessageId id) {
        return database.first(
                "SELECT message_id, thread_id, turn_id, streaming FROM projection_messages WHERE message_id = ?",
                RowMapping::messageState,
                id);
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        return database.list(MESSAGE + "m.thread_id = ? ORDER BY m.ordinal", RowMapping::message, thread);
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        return database.list(
                "SELECT message_id FROM projection_messages WHERE turn_id = ? AND streaming = 1 ORDER BY ordinal",
                rows -> new MessageId(RowMapping.uuid(rows.getString(1))),
                turn);
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return database.first("SELECT * FROM checkpoints WHERE checkpoint_id = ?", RowMapping::checkpoint, id);
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return database.list("SELECT * FROM checkpoints WHERE thread_id = ?", RowMapping::checkpoint, thread).stream()
                .sorted(Comparator.comparing(CheckpointView::createdAt).thenComparing(c -> c.id().toString()))
                .toList();
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return database.first("SELECT * FROM settings WHERE key = ?", RowMapping::setting, key);
    }

    @Override
    public List<SettingView> settings() {
        return database.list("SELECT * FROM settings ORDER BY key COLLATE \"C\"", RowMapping::setting);
    }
}
