package dev.threadline.sqlite;

import static dev.threadline.sqlite.ReadModelTable.CHECKPOINTS;
import static dev.threadline.sqlite.ReadModelTable.PROJECTS;
import static dev.threadline.sqlite.ReadModelTable.SETTINGS;
import static dev.threadline.sqlite.ReadModelTable.THREADS;
import static dev.threadline.sqlite.ReadModelTable.TURNS;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The read models' reads, on the writer connection: inside a transaction they see its writes,
 * thread rows from the transaction's {@link KnownRows} first; the message rows it keeps ({@link
 * DeferredRows}) are written out before a read of messages. Every read runs a kept statement of
 * fixed text ({@link ReadModelStatements}).
 *
 * <p>Creation order is sorted on the parsed instants: the stored text has 0, 3, 6 or 9 fraction
 * digits ({@code Instant.toString}), so its text order is not its time order.
 */
final class SqliteReadModels implements ReadModels {

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final KnownRows known;
    private final DeferredRows deferred;

    SqliteReadModels(SqliteDatabase database, KeptStatements statements, KnownRows known) {
        this.database = database;
        this.statements = statements;
        this.known = known;
        this.deferred = DeferredRows.of(database);
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return statements.first(PROJECTS.byKey, ReadModelRowMapping::project, id);
    }

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        return statements.list(ReadModelStatements.projects(includeDeleted), ReadModelRowMapping::project).stream()
                .sorted(Comparator.comparing(ProjectView::createdAt).thenComparing(p -> p.id().toString()))
                .toList();
    }

    @Override
    public boolean livePathTaken(String path) {
        return statements.query(ReadModelStatements.LIVE_PATH, ResultSet::next, path);
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        if (!database.inTransaction()) {
            return statements.first(THREADS.byKey, ReadModelRowMapping::thread, id);
        }
        return database.withWriter(connection -> {
            ThreadView seen = known.thread(id.toString());
            if (seen != null) {
                return Optional.of(seen);
            }
            Optional<ThreadView> read = statements.first(THREADS.byKey, ReadModelRowMapping::thread, id);
            if (read.isPresent()) {
                known.readThread(read.get());
            }
            return read;
        });
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        known.writeOutInTransaction();
        String listing = ReadModelStatements.threads(
                filter.project() != null, !filter.includeArchived(), !filter.includeDeleted());
        Object[] values = filter.project() == null ? new Object[0] : new Object[] {filter.project()};
        return statements.list(listing, ReadModelRowMapping::thread, values).stream()
                .sorted(Comparator.comparing(ThreadView::createdAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        known.writeOutInTransaction();
        record Live(ThreadId id, Instant createdAt) {}
        List<Live> live = statements.list(
                ReadModelStatements.LIVE_THREADS,
                rows -> new Live(
                        new ThreadId(ReadModelRowMapping.uuid(rows.getString(1))),
                        ReadModelRowMapping.instant(rows.getString(2))),
                project);
        return live.stream()
                .sorted(Comparator.comparing(Live::createdAt).thenComparing(t -> t.id().toString()))
                .map(Live::id)
                .toList();
    }

    @Override
    public Optional<TurnView> turn(TurnId id) {
        return statements.first(TURNS.byKey, ReadModelRowMapping::turn, id);
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return statements.list(ReadModelStatements.TURNS_OF, ReadModelRowMapping::turn, thread);
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        deferred.writeOutInTransaction();
        return statements.first(ReadModelStatements.MESSAGE_BY_ID, ReadModelRowMapping::message, id);
    }

    @Override
    public Optional<MessageState> messageState(MessageId id) {
        deferred.writeOutInTransaction();
        return statements.first(ReadModelStatements.MESSAGE_STATE, ReadModelRowMapping::messageState, id);
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        deferred.writeOutInTransaction();
        return statements.list(ReadModelStatements.MESSAGES_OF, ReadModelRowMapping::message, thread);
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        deferred.writeOutInTransaction();
        return statements.list(
                ReadModelStatements.STREAMING,
                rows -> new MessageId(ReadModelRowMapping.uuid(rows.getString(1))),
                turn);
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return statements.first(CHECKPOINTS.byKey, ReadModelRowMapping::checkpoint, id);
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return statements.list(ReadModelStatements.CHECKPOINTS_OF, ReadModelRowMapping::checkpoint, thread).stream()
                .sorted(Comparator.comparing(CheckpointView::createdAt).thenComparing(c -> c.id().toString()))
                .toList();
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return statements.first(SETTINGS.byKey, ReadModelRowMapping::setting, key);
    }

    @Override
    public List<SettingView> settings() {
        return statements.list(ReadModelStatements.SETTINGS_BY_KEY, ReadModelRowMapping::setting);
    }
}
