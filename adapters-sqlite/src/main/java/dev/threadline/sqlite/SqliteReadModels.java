package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

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
import dev.threadline.sqlite.ReadModelRowMapping.RowReader;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The read models' reads, on the writer connection: inside a transaction they see its writes,
 * thread rows from the transaction's {@link KnownRows} first; the message rows it keeps ({@link
 * DeferredRows}) are written out before a read of messages. Reads by key run kept statements;
 * listings are built with jOOQ.
 *
 * <p>Creation order is sorted on the parsed instants: the stored text has 0, 3, 6 or 9 fraction
 * digits ({@code Instant.toString}), so its text order is not its time order.
 */
final class SqliteReadModels implements ReadModels {

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final ReadModelStatements sql;
    private final KnownRows known;
    private final DeferredRows deferred;

    SqliteReadModels(SqliteDatabase database, KeptStatements statements, ReadModelStatements sql, KnownRows known) {
        this.database = database;
        this.statements = statements;
        this.sql = sql;
        this.known = known;
        this.deferred = DeferredRows.of(database);
    }

    /** Runs a jOOQ query on the writer connection and maps its rows. */
    private <T> List<T> fetch(java.util.function.Function<DSLContext, ResultQuery<?>> query, RowReader<T> map) {
        return database.withWriter(connection -> {
            try (ResultSet rows = query.apply(database.sql(connection)).fetchResultSet()) {
                return KeptStatements.all(rows, map);
            }
        });
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return statements.first(sql.byKey(PROJECTION_PROJECTS), ReadModelRowMapping::project, id);
    }

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        Condition filter = includeDeleted ? DSL.noCondition() : PROJECTION_PROJECTS.DELETED.isFalse();
        return fetch(
                        jooq -> jooq.selectFrom(PROJECTION_PROJECTS)
                                .where(filter)
                                .orderBy(PROJECTION_PROJECTS.CREATED_AT, PROJECTION_PROJECTS.PROJECT_ID),
                        ReadModelRowMapping::project)
                .stream()
                .sorted(Comparator.comparing(ProjectView::createdAt).thenComparing(p -> p.id().toString()))
                .toList();
    }

    @Override
    public boolean livePathTaken(String path) {
        return statements.query(sql.livePath.sql(), ResultSet::next, path);
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        if (!database.inTransaction()) {
            return statements.first(sql.byKey(PROJECTION_THREADS), ReadModelRowMapping::thread, id);
        }
        return database.withWriter(connection -> {
            ThreadView seen = known.thread(id.toString());
            if (seen != null) {
                return Optional.of(seen);
            }
            Optional<ThreadView> read =
                    statements.first(sql.byKey(PROJECTION_THREADS), ReadModelRowMapping::thread, id);
            if (read.isPresent()) {
                known.readThread(read.get());
            }
            return read;
        });
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        known.writeOutInTransaction();
        Condition condition = DSL.noCondition();
        if (filter.project() != null) {
            condition = condition.and(
                    PROJECTION_THREADS.PROJECT_ID.eq(filter.project().toString()));
        }
        if (!filter.includeArchived()) {
            condition = condition.and(PROJECTION_THREADS.ARCHIVED.isFalse());
        }
        if (!filter.includeDeleted()) {
            condition = condition.and(PROJECTION_THREADS.DELETED.isFalse());
        }
        Condition where = condition;
        return fetch(
                        jooq -> jooq.selectFrom(PROJECTION_THREADS)
                                .where(where)
                                .orderBy(PROJECTION_THREADS.CREATED_AT, PROJECTION_THREADS.THREAD_ID),
                        ReadModelRowMapping::thread)
                .stream()
                .sorted(Comparator.comparing(ThreadView::createdAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        known.writeOutInTransaction();
        record Live(ThreadId id, Instant createdAt) {}
        List<Live> live = statements.list(
                sql.liveThreads.sql(),
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
        return statements.first(sql.byKey(PROJECTION_TURNS), ReadModelRowMapping::turn, id);
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return statements.list(sql.turnsOf.sql(), ReadModelRowMapping::turn, thread);
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        deferred.writeOutInTransaction();
        return statements.first(sql.messageById.sql(), ReadModelRowMapping::message, id);
    }

    @Override
    public Optional<MessageState> messageState(MessageId id) {
        deferred.writeOutInTransaction();
        return statements.first(sql.messageState.sql(), ReadModelRowMapping::messageState, id);
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        deferred.writeOutInTransaction();
        return statements.list(sql.messagesOf.sql(), ReadModelRowMapping::message, thread);
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        deferred.writeOutInTransaction();
        return statements.list(
                sql.streaming.sql(), rows -> new MessageId(ReadModelRowMapping.uuid(rows.getString(1))), turn);
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return statements.first(sql.byKey(CHECKPOINTS), ReadModelRowMapping::checkpoint, id);
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return fetch(
                        jooq -> jooq.selectFrom(CHECKPOINTS)
                                .where(CHECKPOINTS.THREAD_ID.eq(thread.toString()))
                                .orderBy(CHECKPOINTS.CREATED_AT, CHECKPOINTS.CHECKPOINT_ID),
                        ReadModelRowMapping::checkpoint)
                .stream()
                .sorted(Comparator.comparing(CheckpointView::createdAt).thenComparing(c -> c.id().toString()))
                .toList();
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return statements.first(sql.byKey(SETTINGS), ReadModelRowMapping::setting, key);
    }

    @Override
    public List<SettingView> settings() {
        return fetch(jooq -> jooq.selectFrom(SETTINGS).orderBy(SETTINGS.KEY), ReadModelRowMapping::setting);
    }
}
