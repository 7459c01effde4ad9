package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.PROJECTOR_POSITIONS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/**
 * The read models in SQLite tables, on the writer connection. The statements of the command path
 * (reads by key, upserts, positions) are rendered once by jOOQ from the generated schema and run as
 * prepared statements kept open: building and rendering a jOOQ query costs more than SQLite takes
 * to run it. Listings and maintenance use jOOQ directly.
 */
public final class SqliteProjectionStore implements ProjectionStore {

    /** The read-model tables, in the order they are compared and cleared. */
    static final List<Table<?>> READ_MODEL_TABLES = List.of(
            PROJECTION_PROJECTS,
            PROJECTION_THREADS,
            PROJECTION_TURNS,
            PROJECTION_MESSAGES,
            PROJECTION_MESSAGE_DELTAS,
            CHECKPOINTS,
            SETTINGS);

    private final SqliteDatabase database;
    private final DSLContext render;
    private final Map<Table<?>, String> byKeySql = new LinkedHashMap<>();
    private final Map<Table<?>, String> upsertSql = new LinkedHashMap<>();
    private final String messageByIdSql;
    private final String messagesOfSql;
    private final String messageStateSql;
    private final String livePathSql;
    private final String liveThreadsSql;
    private final String turnsOfSql;
    private final String streamingSql;
    private final String nextDeltaSql;
    private final String touchMessageSql;
    private final String dropDeltasSql;
    private final String positionSql;
    private final String setPositionSql;
    private final KnownRows known; // used only under the writer lock

    /** @param database the open database */
    public SqliteProjectionStore(SqliteDatabase database) {
        this.database = Objects.requireNonNull(database);
        this.render = database.sql();
        for (Table<?> table : List.of(
                PROJECTION_PROJECTS,
                PROJECTION_THREADS,
                PROJECTION_TURNS,
                PROJECTION_MESSAGES,
                CHECKPOINTS,
                SETTINGS)) {
            Field<?> key = table.getPrimaryKey().getFields().get(0);
            byKeySql.put(table, render.selectFrom(table).where(keyIs(key)).getSQL());
            upsertSql.put(table, upsert(table, key));
        }
        // A streaming message's text is its stored text followed by its delta rows.
        String columns = Arrays.stream(PROJECTION_MESSAGES.fields())
                .map(field -> field.equals(PROJECTION_MESSAGES.TEXT)
                        ? "m.text || coalesce((SELECT group_concat(d.delta, '' ORDER BY d.position)"
                                + " FROM projection_message_deltas d WHERE d.message_id = m.message_id), '')"
                        : "m." + field.getName())
                .collect(Collectors.joining(", "));
        messageByIdSql = "SELECT " + columns + " FROM projection_messages m WHERE m.message_id = ?";
        messagesOfSql = "SELECT " + columns + " FROM projection_messages m WHERE m.thread_id = ? ORDER BY m.ordinal";
        messageStateSql = render.select(
                        PROJECTION_MESSAGES.MESSAGE_ID,
                        PROJECTION_MESSAGES.THREAD_ID,
                        PROJECTION_MESSAGES.TURN_ID,
                        PROJECTION_MESSAGES.STREAMING)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(param(PROJECTION_MESSAGES.MESSAGE_ID)))
                .getSQL();
        livePathSql = render.selectOne()
                .from(PROJECTION_PROJECTS)
                .where(PROJECTION_PROJECTS.PATH.eq(param(PROJECTION_PROJECTS.PATH)))
                .and(PROJECTION_PROJECTS.DELETED.eq(DSL.inline(false)))
                .limit(DSL.inline(1))
                .getSQL();
        liveThreadsSql = render.select(PROJECTION_THREADS.THREAD_ID, PROJECTION_THREADS.CREATED_AT)
                .from(PROJECTION_THREADS)
                .where(PROJECTION_THREADS.PROJECT_ID.eq(param(PROJECTION_THREADS.PROJECT_ID)))
                .and(PROJECTION_THREADS.DELETED.eq(DSL.inline(false)))
                .getSQL();
        turnsOfSql = render.selectFrom(PROJECTION_TURNS)
                .where(PROJECTION_TURNS.THREAD_ID.eq(param(PROJECTION_TURNS.THREAD_ID)))
                .orderBy(PROJECTION_TURNS.ORDINAL)
                .getSQL();
        streamingSql = render.select(PROJECTION_MESSAGES.MESSAGE_ID)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.TURN_ID.eq(param(PROJECTION_MESSAGES.TURN_ID)))
                .and(PROJECTION_MESSAGES.STREAMING.eq(DSL.inline(true)))
                .orderBy(PROJECTION_MESSAGES.ORDINAL)
                .getSQL();
        // The next position comes from the primary key's index: O(log n) however many deltas.
        nextDeltaSql = "INSERT INTO projection_message_deltas (message_id, position, delta)"
                + " SELECT ?1, coalesce(max(position), 0) + 1, ?2 FROM projection_message_deltas WHERE message_id = ?1";
        touchMessageSql = render.update(PROJECTION_MESSAGES)
                .set(PROJECTION_MESSAGES.UPDATED_AT, param(PROJECTION_MESSAGES.UPDATED_AT))
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(param(PROJECTION_MESSAGES.MESSAGE_ID)))
                .getSQL();
        dropDeltasSql = render.deleteFrom(PROJECTION_MESSAGE_DELTAS)
                .where(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.eq(param(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID)))
                .getSQL();
        positionSql = render.select(PROJECTOR_POSITIONS.POSITION)
                .from(PROJECTOR_POSITIONS)
                .where(PROJECTOR_POSITIONS.PROJECTOR.eq(param(PROJECTOR_POSITIONS.PROJECTOR)))
                .getSQL();
        setPositionSql = upsert(PROJECTOR_POSITIONS, PROJECTOR_POSITIONS.PROJECTOR);
        String threadSql = upsertSql.get(PROJECTION_THREADS);
        String positionUpsert = setPositionSql;
        known = database.transactionScoped(KnownRows.class, () -> new KnownRows(database, threadSql, positionUpsert));
    }

    /**
     * The thread rows and positions this connection has read or written. Every command reads its
     * thread, and the projector reads and rewrites it and the position: kept here, they are read
     * once (the database forgets them when another connection commits) and written once per
     * transaction, just before the commit, however many commands it holds. Queries that read these
     * tables other than by key write them out first ({@link #writeOut}); a rollback forgets them.
     */
    private static final class KnownRows implements TransactionScoped {
        /** Past this many rows the known ones are written out and forgotten, to bound memory. */
        private static final int LIMIT = 4_096;

        private final SqliteDatabase database;
        private final String threadSql;
        private final String positionSql;
        private final Map<String, ThreadView> threads = new HashMap<>();
        private final Map<String, ThreadView> changedThreads = new LinkedHashMap<>();
        private final Map<String, Long> positions = new HashMap<>();
        private final Map<String, Long> changedPositions = new LinkedHashMap<>();

        KnownRows(SqliteDatabase database, String threadSql, String positionSql) {
            this.database = database;
            this.threadSql = threadSql;
            this.positionSql = positionSql;
        }

        void readThread(ThreadView thread) throws SQLException {
            if (threads.size() >= LIMIT) {
                writeOut();
                threads.clear();
            }
            threads.put(thread.id().toString(), thread);
        }

        void changeThread(ThreadView thread) throws SQLException {
            readThread(thread);
            changedThreads.put(thread.id().toString(), thread);
        }

        void changePosition(String projector, long sequence) {
            positions.put(projector, sequence);
            changedPositions.put(projector, sequence);
        }

        /** Writes the changed rows; they stay known, now as stored. */
        void writeOut() throws SQLException {
            if (!changedThreads.isEmpty()) {
                upsertAll(
                        threadSql,
                        changedThreads.values().stream()
                                .map(SqliteProjectionStore::threadRow)
                                .toList());
                changedThreads.clear();
            }
            if (!changedPositions.isEmpty()) {
                upsertAll(
                        positionSql,
                        changedPositions.entrySet().stream()
                                .map(position -> new Object[] {position.getKey(), position.getValue()})
                                .toList());
                changedPositions.clear();
            }
        }

        /** One batch of upserts; a failure leaves nothing pending on the kept statement. */
        private void upsertAll(String upsertSql, List<Object[]> rows) throws SQLException {
            PreparedStatement upsert = database.prepared(upsertSql);
            try {
                for (Object[] row : rows) {
                    bind(upsert, row);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            } catch (SQLException | RuntimeException e) {
                upsert.clearBatch();
                throw e;
            }
        }

        @Override
        public void beforeCommit() throws SQLException {
            writeOut();
        }

        @Override
        public void forget() {
            threads.clear();
            changedThreads.clear();
            positions.clear();
            changedPositions.clear();
        }
    }

    /** Writes out the rows the open transaction keeps, before a query that reads their tables. */
    private void writeOut() {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.writeOut();
                return null;
            });
        }
    }

    private static <T> Condition keyIs(Field<T> key) {
        return key.eq(param(key));
    }

    private static <T> Field<T> param(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE SET} every other column from {@code excluded}. */
    private String upsert(Table<?> table, Field<?> key) {
        List<Field<?>> fields = List.of(table.fields());
        Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
        for (Field<?> field : fields) {
            if (!field.equals(key)) {
                updates.put(field, DSL.field(DSL.name("excluded", field.getName())));
            }
        }
        return render.insertInto(table)
                .columns(fields)
                .values(fields.stream().map(SqliteProjectionStore::param).toList())
                .onConflict(key)
                .doUpdate()
                .set(updates)
                .getSQL();
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a kept statement with positional values (booleans as 0/1) and reads its rows. */
    private <T> T query(String statementSql, Rows<T> read, Object... values) {
        return database.withWriter(connection -> {
            PreparedStatement statement = database.prepared(statementSql);
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                return read.read(rows);
            }
        });
    }

    private void update(String statementSql, Object... values) {
        database.withWriter(connection -> {
            PreparedStatement statement = database.prepared(statementSql);
            bind(statement, values);
            return statement.executeUpdate();
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Boolean flag) {
                statement.setInt(i + 1, flag ? 1 : 0);
            } else if (value instanceof Number number) {
                statement.setLong(i + 1, number.longValue());
            } else {
                statement.setString(i + 1, value == null ? null : value.toString());
            }
        }
    }

    /** The row a result set stands on as a jOOQ record of the table (column order is the table's). */
    private <R extends Record> R record(Table<R> table, ResultSet rows) throws SQLException {
        R record = render.newRecord(table);
        Object[] values = new Object[table.fields().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.getObject(i + 1);
        }
        record.fromArray(values);
        return record;
    }

    private <R extends Record, V> Optional<V> byKeyRecord(Table<R> table, Object key, Function<R, V> map) {
        return query(
                byKeySql.get(table),
                rows -> rows.next() ? Optional.of(map.apply(record(table, rows))) : Optional.<V>empty(),
                key);
    }

    /** Reads by key straight from the result set, for the reads every command makes. */
    private <V> Optional<V> byKey(Table<?> table, Object key, Rows<V> map) {
        return query(byKeySql.get(table), rows -> rows.next() ? Optional.of(map.read(rows)) : Optional.<V>empty(), key);
    }

    private static boolean flag(ResultSet rows, int column) throws SQLException {
        return rows.getInt(column) != 0;
    }

    // Columns in the table's order (selectFrom renders them so, and so does the messages query).

    private static ProjectView project(ResultSet r) throws SQLException {
        return new ProjectView(
                new ProjectId(uuid(r.getString(1))),
                r.getString(2),
                r.getString(3),
                flag(r, 4),
                instant(r.getString(5)),
                instant(r.getString(6)),
                r.getLong(7));
    }

    private static ThreadView thread(ResultSet r) throws SQLException {
        String running = r.getString(9);
        return new ThreadView(
                new ThreadId(uuid(r.getString(1))),
                new ProjectId(uuid(r.getString(2))),
                r.getString(3),
                r.getString(4),
                flag(r, 5),
                flag(r, 6),
                r.getLong(7),
                r.getLong(8),
                running == null ? null : new TurnId(uuid(running)),
                instant(r.getString(10)),
                instant(r.getString(11)),
                r.getLong(12));
    }

    private static TurnView turn(ResultSet r) throws SQLException {
        return new TurnView(
                new TurnId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                r.getLong(3),
                TurnStatus.fromLabel(r.getString(4)),
                r.getString(5),
                instant(r.getString(6)),
                instant(r.getString(7)));
    }

    private static MessageView message(ResultSet r) throws SQLException {
        return new MessageView(
                new MessageId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                new TurnId(uuid(r.getString(3))),
                r.getLong(4),
                Role.fromLabel(r.getString(5)),
                r.getString(6),
                flag(r, 7),
                instant(r.getString(8)),
                instant(r.getString(9)));
    }

    private <V> List<V> list(String statementSql, Rows<V> map, Object key) {
        return query(
                statementSql,
                rows -> {
                    List<V> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(map.read(rows));
                    }
                    return found;
                },
                key);
    }

    private <T> T sql(Function<DSLContext, T> work) {
        return database.withWriter(connection -> work.apply(database.sql(connection)));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Timestamps.parseOnce(text);
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
        return byKey(PROJECTION_PROJECTS, id, SqliteProjectionStore::project);
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
        return query(livePathSql, ResultSet::next, path);
    }

    @Override
    public void putProject(ProjectView p) {
        Object[] r = columns(
                p.id().toString(),
                p.name(),
                p.path(),
                p.deleted(),
                text(p.createdAt()),
                text(p.updatedAt()),
                p.version());
        upsert(PROJECTION_PROJECTS, r);
    }

    /** The values of a row in the table's column order, for {@link #upsert}. */
    private static Object[] columns(Object... values) {
        return values;
    }

    private void upsert(Table<?> table, Object[] values) {
        update(upsertSql.get(table), values);
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
        if (!database.inTransaction()) {
            return byKey(PROJECTION_THREADS, id, SqliteProjectionStore::thread);
        }
        return database.withWriter(connection -> {
            ThreadView seen = known.threads.get(id.toString());
            if (seen != null) {
                return Optional.of(seen);
            }
            Optional<ThreadView> read = byKey(PROJECTION_THREADS, id, SqliteProjectionStore::thread);
            if (read.isPresent()) {
                known.readThread(read.get());
            }
            return read;
        });
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        writeOut();
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
        writeOut();
        record Live(ThreadId id, Instant createdAt) {}
        List<Live> live = query(
                liveThreadsSql,
                rows -> {
                    List<Live> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(new Live(new ThreadId(uuid(rows.getString(1))), instant(rows.getString(2))));
                    }
                    return found;
                },
                project);
        return live.stream()
                .sorted(Comparator.comparing(Live::createdAt).thenComparing(t -> t.id().toString()))
                .map(Live::id)
                .toList();
    }

    @Override
    public void putThread(ThreadView thread) {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.changeThread(thread);
                return null;
            });
        } else {
            upsert(PROJECTION_THREADS, threadRow(thread));
        }
    }

    private static Object[] threadRow(ThreadView t) {
        return columns(
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
        return byKey(PROJECTION_TURNS, id, SqliteProjectionStore::turn);
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return list(turnsOfSql, SqliteProjectionStore::turn, thread);
    }

    @Override
    public void putTurn(TurnView t) {
        Object[] r = columns(
                t.id().toString(),
                t.threadId().toString(),
                t.ordinal(),
                t.status().label(),
                t.error(),
                text(t.startedAt()),
                text(t.endedAt()));
        upsert(PROJECTION_TURNS, r);
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
        return list(messageByIdSql, SqliteProjectionStore::message, id).stream().findFirst();
    }

    @Override
    public Optional<MessageState> messageState(MessageId id) {
        return query(
                messageStateSql,
                rows -> rows.next()
                        ? Optional.of(new MessageState(
                                new MessageId(uuid(rows.getString(1))),
                                new ThreadId(uuid(rows.getString(2))),
                                new TurnId(uuid(rows.getString(3))),
                                rows.getInt(4) != 0))
                        : Optional.<MessageState>empty(),
                id);
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        return list(messagesOfSql, SqliteProjectionStore::message, thread);
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        return query(
                streamingSql,
                rows -> {
                    List<MessageId> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(new MessageId(uuid(rows.getString(1))));
                    }
                    return found;
                },
                turn);
    }

    @Override
    public void putMessage(MessageView m) {
        upsert(PROJECTION_MESSAGES, messageRow(m));
        // The view carries the whole text (deltas included, as message() reads it): fold them away.
        update(dropDeltasSql, m.id());
    }

    private static Object[] messageRow(MessageView m) {
        return columns(
                m.id().toString(),
                m.threadId().toString(),
                m.turnId().toString(),
                m.ordinal(),
                m.role().label(),
                m.text(),
                m.streaming(),
                text(m.createdAt()),
                text(m.updatedAt()));
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        // A row of its own, not text = text || ?: rewriting the whole text made each delta cost
        // more than the one before.
        update(nextDeltaSql, id, delta);
        update(touchMessageSql, at, id);
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
                instant(r.getRestoredAt()),
                r.getSnapshotCommit(),
                skippedOf(r.getSkipped()));
    }

    private static final ObjectMapper SKIPPED_JSON = new ObjectMapper();
    private static final TypeReference<List<CheckpointCreated.Skipped>> SKIPPED_LIST = new TypeReference<>() {};

    private static List<CheckpointCreated.Skipped> skippedOf(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return SKIPPED_JSON.readValue(json, SKIPPED_LIST);
        } catch (JsonProcessingException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.CORRUPT,
                    "a checkpoint's skipped paths are not readable JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static String skippedText(List<CheckpointCreated.Skipped> skipped) {
        if (skipped.isEmpty()) {
            return null;
        }
        try {
            return SKIPPED_JSON.writeValueAsString(skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("skipped paths cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return byKeyRecord(CHECKPOINTS, id, SqliteProjectionStore::checkpoint);
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
        Object[] r = columns(
                c.id().toString(),
                c.threadId().toString(),
                c.turnId().toString(),
                c.gitRef(),
                c.message(),
                text(c.createdAt()),
                text(c.restoredAt()),
                c.commit(),
                skippedText(c.skipped()));
        upsert(CHECKPOINTS, r);
    }

    // Settings

    private static SettingView setting(SettingsRecord r) {
        return new SettingView(r.getKey(), r.getValue(), instant(r.getUpdatedAt()));
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return byKeyRecord(SETTINGS, key, SqliteProjectionStore::setting);
    }

    @Override
    public List<SettingView> settings() {
        return sql(sql -> sql.selectFrom(SETTINGS).orderBy(SETTINGS.KEY).fetch(SqliteProjectionStore::setting));
    }

    @Override
    public void putSetting(SettingView s) {
        upsert(SETTINGS, columns(s.key(), s.value(), text(s.updatedAt())));
    }

    @Override
    public void removeSetting(String key) {
        sql(sql -> sql.deleteFrom(SETTINGS).where(SETTINGS.KEY.eq(key)).execute());
    }

    // Positions and maintenance

    @Override
    public long position(String projector) {
        if (!database.inTransaction()) {
            return query(positionSql, rows -> rows.next() ? rows.getLong(1) : 0L, projector);
        }
        return database.withWriter(connection -> {
            Long seen = known.positions.get(projector);
            if (seen != null) {
                return seen;
            }
            long read = query(positionSql, rows -> rows.next() ? rows.getLong(1) : 0L, projector);
            known.positions.put(projector, read);
            return read;
        });
    }

    @Override
    public void setPosition(String projector, long sequence) {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.changePosition(projector, sequence);
                return null;
            });
        } else {
            update(setPositionSql, projector, sequence);
        }
    }

    @Override
    public void clear() {
        // Every row goes, so the kept ones need not be written first.
        database.withWriter(connection -> {
            known.forget();
            return null;
        });
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
        writeOut();
        other.writeOut();
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
        List<? extends Field<?>> key = primaryKey.getFields();
        try (Cursor<? extends Record> expected =
                        expectedSql.selectFrom(table).orderBy(key).fetchLazy();
                Cursor<? extends Record> actual =
                        actualSql.selectFrom(table).orderBy(key).fetchLazy()) {
            Record e = expected.fetchNext();
            Record a = actual.fetchNext();
            while (e != null || a != null) {
                String ek = e == null ? null : keyText(e, key);
                String ak = a == null ? null : keyText(a, key);
                int cmp = e == null ? 1 : a == null ? -1 : compareKeys(e, a, key);
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

    /** A row's key as text: its key columns joined with '/'. */
    private static String keyText(Record row, List<? extends Field<?>> key) {
        return key.stream().map(field -> String.valueOf(row.get(field))).collect(Collectors.joining("/"));
    }

    /** Orders keys as SQLite's ORDER BY does: numbers by value, text by its characters. */
    private static int compareKeys(Record e, Record a, List<? extends Field<?>> key) {
        for (Field<?> field : key) {
            Object ev = e.get(field);
            Object av = a.get(field);
            int cmp = ev instanceof Number en && av instanceof Number an
                    ? Long.compare(en.longValue(), an.longValue())
                    : String.valueOf(ev).compareTo(String.valueOf(av));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
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
