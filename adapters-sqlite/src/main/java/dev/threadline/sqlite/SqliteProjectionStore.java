package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.PROJECTOR_POSITIONS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

import dev.threadline.application.port.ProjectionDifference;
import dev.threadline.application.port.ProjectionStore;
import dev.threadline.application.port.ScratchProjectionStore;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.query.CheckpointView;
import dev.threadline.application.query.MessageView;
import dev.threadline.application.query.ProjectView;
import dev.threadline.application.query.SettingView;
import dev.threadline.application.query.ThreadFilter;
import dev.threadline.application.query.ThreadView;
import dev.threadline.application.query.TurnView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import dev.threadline.sqlite.schema.tables.records.CheckpointsRecord;
import dev.threadline.sqlite.schema.tables.records.ProjectionMessagesRecord;
import dev.threadline.sqlite.schema.tables.records.ProjectionProjectsRecord;
import dev.threadline.sqlite.schema.tables.records.ProjectionThreadsRecord;
import dev.threadline.sqlite.schema.tables.records.ProjectionTurnsRecord;
import dev.threadline.sqlite.schema.tables.records.SettingsRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/** The read models in SQLite tables, written and read with jOOQ on the writer connection. */
public final class SqliteProjectionStore implements ProjectionStore {

    /** The read-model tables, in the order they are compared and cleared. */
    static final List<Table<?>> READ_MODEL_TABLES = List.of(
            PROJECTION_PROJECTS, PROJECTION_THREADS, PROJECTION_TURNS, PROJECTION_MESSAGES, CHECKPOINTS, SETTINGS);

    private final SqliteDatabase database;

    /** @param database the open database */
    public SqliteProjectionStore(SqliteDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    private <T> T sql(Function<DSLContext, T> work) {
        return database.withWriter(connection -> work.apply(database.sql(connection)));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static UUID uuid(String text) {
        return UUID.fromString(text);
    }

    // Projects

    private static ProjectView project(ProjectionProjectsRecord r) {
        return new ProjectView(
                new ProjectId(uuid(r.getProjectId())),
                r.getName(),
                r.getPath(),
                r.getDeleted(),
                instant(r.getCreatedAt()),
                instant(r.getUpdatedAt()),
                r.getStreamVersion());
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return sql(sql -> sql.selectFrom(PROJECTION_PROJECTS)
                .where(PROJECTION_PROJECTS.PROJECT_ID.eq(id.toString()))
                .fetchOptional()
                .map(SqliteProjectionStore::project));
    }

    // Creation order is sorted on the parsed instants: the stored text has 0, 3, 6 or 9 fraction
    // digits (Instant.toString), so its text order is not its time order ("…05.5Z" after "…05.500001Z").

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        Condition filter = includeDeleted ? DSL.noCondition() : PROJECTION_PROJECTS.DELETED.isFalse();
        return sql(sql -> sql.selectFrom(PROJECTION_PROJECTS)
                        .where(filter)
                        .orderBy(PROJECTION_PROJECTS.CREATED_AT, PROJECTION_PROJECTS.PROJECT_ID)
                        .fetch(SqliteProjectionStore::project))
                .stream()
                .sorted(Comparator.comparing(ProjectView::createdAt).thenComparing(p -> p.id().toString()))
                .toList();
    }

    @Override
    public boolean livePathTaken(String path) {
        return sql(sql -> sql.fetchExists(
                PROJECTION_PROJECTS, PROJECTION_PROJECTS.PATH.eq(path).and(PROJECTION_PROJECTS.DELETED.isFalse())));
    }

    @Override
    public void putProject(ProjectView p) {
        ProjectionProjectsRecord r = new ProjectionProjectsRecord(
                p.id().toString(),
                p.name(),
                p.path(),
                p.deleted(),
                text(p.createdAt()),
                text(p.updatedAt()),
                p.version());
        upsert(r, PROJECTION_PROJECTS.PROJECT_ID);
    }

    private <R extends TableRecord<R>> void upsert(R record, Field<?> key) {
        sql(sql -> sql.insertInto(record.getTable())
                .set(record)
                .onConflict(key)
                .doUpdate()
                .set(record)
                .execute());
    }

    // Threads

    private static ThreadView thread(ProjectionThreadsRecord r) {
        return new ThreadView(
                new ThreadId(uuid(r.getThreadId())),
                new ProjectId(uuid(r.getProjectId())),
                r.getTitle(),
                r.getModel(),
                r.getArchived(),
                r.getDeleted(),
                r.getTurnCount(),
                r.getMessageCount(),
                r.getRunningTurnId() == null ? null : new TurnId(uuid(r.getRunningTurnId())),
                instant(r.getCreatedAt()),
                instant(r.getLastActivityAt()),
                r.getStreamVersion());
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        return sql(sql -> sql.selectFrom(PROJECTION_THREADS)
                .where(PROJECTION_THREADS.THREAD_ID.eq(id.toString()))
                .fetchOptional()
                .map(SqliteProjectionStore::thread));
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
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
        return sql(sql -> sql.selectFrom(PROJECTION_THREADS)
                        .where(where)
                        .orderBy(PROJECTION_THREADS.CREATED_AT, PROJECTION_THREADS.THREAD_ID)
                        .fetch(SqliteProjectionStore::thread))
                .stream()
                .sorted(Comparator.comparing(ThreadView::createdAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        return threads(new ThreadFilter(project, true, false)).stream()
                .map(ThreadView::id)
                .toList();
    }

    @Override
    public void putThread(ThreadView t) {
        ProjectionThreadsRecord r = new ProjectionThreadsRecord(
                t.id().toString(),
                t.projectId().toString(),
                t.title(),
                t.model(),
                t.archived(),
                t.deleted(),
                t.turnCount(),
                t.messageCount(),
                text(t.runningTurn()),
                text(t.createdAt()),
                text(t.lastActivityAt()),
                t.version());
        upsert(r, PROJECTION_THREADS.THREAD_ID);
    }

    // Turns

    private static TurnView turn(ProjectionTurnsRecord r) {
        return new TurnView(
                new TurnId(uuid(r.getTurnId())),
                new ThreadId(uuid(r.getThreadId())),
                r.getOrdinal(),
                TurnStatus.fromLabel(r.getStatus()),
                r.getError(),
                instant(r.getStartedAt()),
                instant(r.getEndedAt()));
    }

    @Override
    public Optional<TurnView> turn(TurnId id) {
        return sql(sql -> sql.selectFrom(PROJECTION_TURNS)
                .where(PROJECTION_TURNS.TURN_ID.eq(id.toString()))
                .fetchOptional()
                .map(SqliteProjectionStore::turn));
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return sql(sql -> sql.selectFrom(PROJECTION_TURNS)
                .where(PROJECTION_TURNS.THREAD_ID.eq(thread.toString()))
                .orderBy(PROJECTION_TURNS.ORDINAL)
                .fetch(SqliteProjectionStore::turn));
    }

    @Override
    public void putTurn(TurnView t) {
        ProjectionTurnsRecord r = new ProjectionTurnsRecord(
                t.id().toString(),
                t.threadId().toString(),
                t.ordinal(),
                t.status().label(),
                t.error(),
                text(t.startedAt()),
                text(t.endedAt()));
        upsert(r, PROJECTION_TURNS.TURN_ID);
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        sql(sql -> sql.update(PROJECTION_TURNS)
                .set(PROJECTION_TURNS.STATUS, TurnStatus.REVERTED.label())
                .where(PROJECTION_TURNS.THREAD_ID.eq(thread.toString()), PROJECTION_TURNS.ORDINAL.gt(ordinal))
                .execute());
    }

    // Messages

    private static MessageView message(ProjectionMessagesRecord r) {
        return new MessageView(
                new MessageId(uuid(r.getMessageId())),
                new ThreadId(uuid(r.getThreadId())),
                new TurnId(uuid(r.getTurnId())),
                r.getOrdinal(),
                Role.fromLabel(r.getRole()),
                r.getText(),
                r.getStreaming(),
                instant(r.getCreatedAt()),
                instant(r.getUpdatedAt()));
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        return sql(sql -> sql.selectFrom(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(id.toString()))
                .fetchOptional()
                .map(SqliteProjectionStore::message));
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        return sql(sql -> sql.selectFrom(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.THREAD_ID.eq(thread.toString()))
                .orderBy(PROJECTION_MESSAGES.ORDINAL)
                .fetch(SqliteProjectionStore::message));
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        return sql(sql -> sql.select(PROJECTION_MESSAGES.MESSAGE_ID)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.TURN_ID.eq(turn.toString()), PROJECTION_MESSAGES.STREAMING.isTrue())
                .orderBy(PROJECTION_MESSAGES.ORDINAL)
                .fetch(r -> new MessageId(uuid(r.value1()))));
    }

    @Override
    public void putMessage(MessageView m) {
        ProjectionMessagesRecord r = new ProjectionMessagesRecord(
                m.id().toString(),
                m.threadId().toString(),
                m.turnId().toString(),
                m.ordinal(),
                m.role().label(),
                m.text(),
                m.streaming(),
                text(m.createdAt()),
                text(m.updatedAt()));
        upsert(r, PROJECTION_MESSAGES.MESSAGE_ID);
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        sql(sql -> sql.update(PROJECTION_MESSAGES)
                .set(PROJECTION_MESSAGES.TEXT, PROJECTION_MESSAGES.TEXT.concat(DSL.val(delta)))
                .set(PROJECTION_MESSAGES.UPDATED_AT, at.toString())
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(id.toString()))
                .execute());
    }

    // Checkpoints

    private static CheckpointView checkpoint(CheckpointsRecord r) {
        return new CheckpointView(
                new CheckpointId(uuid(r.getCheckpointId())),
                new ThreadId(uuid(r.getThreadId())),
                new TurnId(uuid(r.getTurnId())),
                r.getGitRef(),
                r.getMessage(),
                instant(r.getCreatedAt()),
                instant(r.getRestoredAt()));
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return sql(sql -> sql.selectFrom(CHECKPOINTS)
                .where(CHECKPOINTS.CHECKPOINT_ID.eq(id.toString()))
                .fetchOptional()
                .map(SqliteProjectionStore::checkpoint));
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return sql(sql -> sql.selectFrom(CHECKPOINTS)
                        .where(CHECKPOINTS.THREAD_ID.eq(thread.toString()))
                        .orderBy(CHECKPOINTS.CREATED_AT, CHECKPOINTS.CHECKPOINT_ID)
                        .fetch(SqliteProjectionStore::checkpoint))
                .stream()
                .sorted(Comparator.comparing(CheckpointView::createdAt).thenComparing(c -> c.id().toString()))
                .toList();
    }

    @Override
    public void putCheckpoint(CheckpointView c) {
        CheckpointsRecord r = new CheckpointsRecord(
                c.id().toString(),
                c.threadId().toString(),
                c.turnId().toString(),
                c.gitRef(),
                c.message(),
                text(c.createdAt()),
                text(c.restoredAt()));
        upsert(r, CHECKPOINTS.CHECKPOINT_ID);
    }

    // Settings

    private static SettingView setting(SettingsRecord r) {
        return new SettingView(r.getKey(), r.getValue(), instant(r.getUpdatedAt()));
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return sql(sql -> sql.selectFrom(SETTINGS)
                .where(SETTINGS.KEY.eq(key))
                .fetchOptional()
                .map(SqliteProjectionStore::setting));
    }

    @Override
    public List<SettingView> settings() {
        return sql(sql -> sql.selectFrom(SETTINGS).orderBy(SETTINGS.KEY).fetch(SqliteProjectionStore::setting));
    }

    @Override
    public void putSetting(SettingView s) {
        upsert(new SettingsRecord(s.key(), s.value(), text(s.updatedAt())), SETTINGS.KEY);
    }

    @Override
    public void removeSetting(String key) {
        sql(sql -> sql.deleteFrom(SETTINGS).where(SETTINGS.KEY.eq(key)).execute());
    }

    // Positions and maintenance

    @Override
    public long position(String projector) {
        return sql(sql -> sql.select(PROJECTOR_POSITIONS.POSITION)
                .from(PROJECTOR_POSITIONS)
                .where(PROJECTOR_POSITIONS.PROJECTOR.eq(projector))
                .fetchOptional(PROJECTOR_POSITIONS.POSITION)
                .orElse(0L));
    }

    @Override
    public void setPosition(String projector, long sequence) {
        sql(sql -> sql.insertInto(PROJECTOR_POSITIONS)
                .set(PROJECTOR_POSITIONS.PROJECTOR, projector)
                .set(PROJECTOR_POSITIONS.POSITION, sequence)
                .onConflict(PROJECTOR_POSITIONS.PROJECTOR)
                .doUpdate()
                .set(PROJECTOR_POSITIONS.POSITION, sequence)
                .execute());
    }

    @Override
    public void clear() {
        sql(sql -> {
            for (Table<?> table : READ_MODEL_TABLES) {
                sql.deleteFrom(table).execute();
            }
            return sql.deleteFrom(PROJECTOR_POSITIONS).execute();
        });
    }

    @Override
    public List<ProjectionDifference> differencesFrom(ProjectionStore expected) {
        if (!(expected instanceof SqliteProjectionStore other)) {
            throw new IllegalArgumentException("can only compare with another SQLite projection store");
        }
        List<ProjectionDifference> differences = new ArrayList<>();
        for (Table<?> table : READ_MODEL_TABLES) {
            other.database.withWriter(theirs -> database.withWriter(ours -> {
                compare(table, database.sql(theirs), database.sql(ours), differences);
                return null;
            }));
        }
        return differences;
    }

    /** Walks both tables in key order at once, so memory does not grow with their size. */
    private static void compare(
            Table<?> table, DSLContext expectedSql, DSLContext actualSql, List<ProjectionDifference> out) {
        UniqueKey<?> primaryKey = Objects.requireNonNull(table.getPrimaryKey(), table.getName());
        Field<?> key = primaryKey.getFields().get(0);
        try (Cursor<? extends Record> expected =
                        expectedSql.selectFrom(table).orderBy(key).fetchLazy();
                Cursor<? extends Record> actual =
                        actualSql.selectFrom(table).orderBy(key).fetchLazy()) {
            Record e = expected.fetchNext();
            Record a = actual.fetchNext();
            Comparator<String> order = Comparator.naturalOrder();
            while (e != null || a != null) {
                String ek = e == null ? null : String.valueOf(e.get(key));
                String ak = a == null ? null : String.valueOf(a.get(key));
                int cmp = e == null ? 1 : a == null ? -1 : order.compare(ek, ak);
                if (cmp < 0) {
                    out.add(new ProjectionDifference(table.getName(), ek, "*", "row present", null));
                    e = expected.fetchNext();
                } else if (cmp > 0) {
                    out.add(new ProjectionDifference(table.getName(), ak, "*", null, "row present"));
                    a = actual.fetchNext();
                } else {
                    for (Field<?> field : table.fields()) {
                        String ev = text(e.get(field));
                        String av = text(a.get(field));
                        if (!Objects.equals(ev, av)) {
                            out.add(new ProjectionDifference(table.getName(), ek, field.getName(), ev, av));
                        }
                    }
                    e = expected.fetchNext();
                    a = actual.fetchNext();
                }
            }
        }
    }

    @Override
    public ScratchProjectionStore openScratch() {
        Path directory;
        try {
            directory = Files.createTempDirectory("threadline-verify");
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "cannot create scratch space for a verification: " + e.getMessage(),
                    e);
        }
        SqliteDatabase scratch = SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), database.options());
        SqliteProjectionStore store = new SqliteProjectionStore(scratch);
        Transactions transactions = new SqliteTransactions(scratch);
        return new ScratchProjectionStore() {
            @Override
            public ProjectionStore store() {
                return store;
            }

            @Override
            public Transactions transactions() {
                return transactions;
            }

            @Override
            public void close() {
                scratch.close();
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    // Leaving a temporary file behind is harmless; the verification's result stands.
                }
            }
        };
    }
}
