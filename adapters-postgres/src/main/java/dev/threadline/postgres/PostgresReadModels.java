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
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read models' reads: inside a transaction on its connection (so they see its writes), else on
 * a pooled one. Inside a write transaction a thread's row is read once and then known ({@link
 * WriteTransaction}), with the version of its stream. Creation order is sorted on the parsed instants, because the stored text has 0, 3,
 * 6 or 9 fraction digits and so its text order is not its time order. The statements are rendered
 * once from the generated jOOQ classes ({@link ReadModelStatements}).
 */
final class PostgresReadModels implements ReadModels {

    private final PostgresDatabase database;
    private final ReadModelStatements sql;
    /** A thread's row, then its stream's version. */
    private final String threadWithVersion;
    /** The rows of the threads whose ids are in an array, each with its stream's version. */
    private final String threadsById = "SELECT " + TableColumns.names(TableColumns.THREAD)
            + ", (SELECT max(e.stream_version) FROM events e WHERE e.stream_id = t.thread_id)"
            + " FROM projection_threads t WHERE t.thread_id = ANY (?)";

    PostgresReadModels(PostgresDatabase database) {
        this.database = database;
        this.sql = new ReadModelStatements(database.dialect());
        this.threadWithVersion = SqlText.script(List.of(sql.thread, PostgresEventStore.STREAM_VERSION));
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return database.first(sql.project, RowMapping::project, id);
    }

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        return database.list(includeDeleted ? sql.allProjects : sql.liveProjects, RowMapping::project).stream()
                .sorted(Comparator.comparing(ProjectView::createdAt).thenComparing(p -> p.id().toString()))
                .toList();
    }

    @Override
    public boolean livePathTaken(String path) {
        return database.first(sql.livePath, rows -> true, path).isPresent();
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            database.receiveReadAhead(transaction);
            ThreadView known = transaction.thread(id);
            if (known != null || transaction.knownMissing(id)) {
                return Optional.ofNullable(known);
            }
        }
        String stream = id.toString();
        if (transaction == null || transaction.version(stream) != null) {
            Optional<ThreadView> read = database.first(sql.thread, RowMapping::thread, id);
            if (transaction != null) {
                read.ifPresent(transaction::knowThread);
            }
            return read;
        }
        // A command that reads a thread appends to its stream next: the stream's version comes in
        // the same round trip, so the append reads nothing more.
        return database.query(
                threadWithVersion,
                statement -> {
                    Optional<ThreadView> read;
                    try (ResultSet row = statement.getResultSet()) {
                        read = row.next() ? Optional.of(RowMapping.thread(row)) : Optional.empty();
                    }
                    statement.getMoreResults();
                    try (ResultSet version = statement.getResultSet()) {
                        version.next();
                        long last = version.getLong(1);
                        transaction.readVersion(stream, version.wasNull() ? -1L : last);
                    }
                    read.ifPresent(transaction::knowThread);
                    return read;
                },
                id,
                stream);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The rows and the versions of their streams are read with the transaction's next round
     * trip, which follows the writer lock, so they stay as read until this transaction changes them.
     */
    @Override
    public void readThreadsAhead(Collection<ThreadId> ids) {
        WriteTransaction transaction = database.openTransaction();
        if (transaction == null) {
            return;
        }
        List<ThreadId> unknown = ids.stream()
                .filter(id -> transaction.thread(id) == null && !transaction.knownMissing(id))
                .toList();
        if (unknown.isEmpty()) {
            return;
        }
        String[] threadIds = unknown.stream().map(ThreadId::toString).toArray(String[]::new);
        transaction.readAhead(
                threadsById,
                rows -> {
                    Set<ThreadId> missing = new HashSet<>(unknown);
                    while (rows.next()) {
                        ThreadView thread = RowMapping.thread(rows);
                        long version = rows.getLong(TableColumns.THREAD.size() + 1);
                        version = rows.wasNull() ? -1L : version;
                        transaction.knowThread(thread);
                        if (transaction.version(thread.id().toString()) == null) {
                            transaction.readVersion(thread.id().toString(), version);
                        }
                        missing.remove(thread.id());
                    }
                    missing.forEach(transaction::knowMissing);
                },
                (Object) threadIds);
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        String query = sql.threads(filter.project() != null, filter.includeArchived(), filter.includeDeleted());
        Object[] values = filter.project() == null ? new Object[0] : new Object[] {filter.project()};
        return database.list(query, RowMapping::thread, values).stream()
                .sorted(Comparator.comparing(ThreadView::createdAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        record Live(ThreadId id, Instant createdAt) {}
        return database
                .list(
                        sql.liveThreadsOf,
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
        return database.first(sql.turn, RowMapping::turn, id);
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return database.list(sql.turnsOf, RowMapping::turn, thread);
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        return database.first(sql.message, RowMapping::message, id);
    }

    @Override
    public Optional<MessageState> messageState(MessageId id) {
        return database.first(sql.messageState, RowMapping::messageState, id);
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        return database.list(sql.messagesOf, RowMapping::message, thread);
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        return database.list(sql.streamingMessagesOf, rows -> new MessageId(RowMapping.uuid(rows.getString(1))), turn);
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return database.first(sql.checkpoint, RowMapping::checkpoint, id);
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return database.list(sql.checkpointsOf, RowMapping::checkpoint, thread).stream()
                .sorted(Comparator.comparing(CheckpointView::createdAt).thenComparing(c -> c.id().toString()))
                .toList();
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return database.first(sql.setting, RowMapping::setting, key);
    }

    @Override
    public List<SettingView> settings() {
        return database.list(sql.settings, RowMapping::setting);
    }
}
