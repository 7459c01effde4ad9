package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.EVENTS;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.EventJsonCodec;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.impl.DSL;

/**
 * The event log in the {@code events} table. jOOQ renders each statement once from the generated
 * schema; the hot paths run them as prepared JDBC statements, so appends and replays cost what
 * plain JDBC does.
 */
public final class SqliteEventStore implements EventStore {

    private final SqliteDatabase database;
    private final EventJsonCodec codec;
    private final EventRows rows; // used only under the writer lock
    private final Clock clock;
    private final KnownLog known; // used only under the writer lock

    private final String insertSql;
    private final String streamVersionSql;
    private final String replaySql;
    private final String replayUpToSql;
    private final OpenReplays openReplays;
    private final String readStreamSql;
    private final String byIdSql;
    private final String lastSequenceSql;

    /**
     * @param database the open database
     * @param codec the JSON codec for payloads
     * @param clock the source of {@code recordedAt}
     */
    public SqliteEventStore(SqliteDatabase database, EventJsonCodec codec, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.codec = Objects.requireNonNull(codec);
        this.rows = new EventRows(codec);
        this.clock = Objects.requireNonNull(clock);
        this.known = database.transactionScoped(KnownLog.class, KnownLog::new);
        this.openReplays = database.transactionScoped(OpenReplays.class, OpenReplays::new);
        var sql = database.sql();
        insertSql = sql.insertInto(EVENTS)
                .columns(EventRows.COLUMNS)
                .values(EventRows.COLUMNS.stream().map(DSL::param).toList())
                .getSQL();
        streamVersionSql = sql.select(DSL.max(EVENTS.STREAM_VERSION))
                .from(EVENTS)
                .where(EVENTS.STREAM_ID.eq(DSL.param(EVENTS.STREAM_ID)))
                .getSQL();
        replaySql = sql.select(EventRows.COLUMNS)
                .from(EVENTS)
                .where(EVENTS.SEQUENCE.gt(DSL.param(EVENTS.SEQUENCE)))
                .orderBy(EVENTS.SEQUENCE)
                .getSQL();
        replayUpToSql = sql.select(EventRows.COLUMNS)
                .from(EVENTS)
                .where(EVENTS.SEQUENCE.gt(DSL.param("after", EVENTS.SEQUENCE.getDataType())))
                .and(EVENTS.SEQUENCE.le(DSL.param("upTo", EVENTS.SEQUENCE.getDataType())))
                .orderBy(EVENTS.SEQUENCE)
                .getSQL();
        readStreamSql = sql.select(EventRows.COLUMNS)
                .from(EVENTS)
                .where(EVENTS.STREAM_ID.eq(DSL.param(EVENTS.STREAM_ID)))
                .orderBy(EVENTS.STREAM_VERSION)
                .getSQL();
        byIdSql = sql.select(EventRows.COLUMNS)
                .from(EVENTS)
                .where(EVENTS.EVENT_ID.eq(DSL.param(EVENTS.EVENT_ID)))
                .getSQL();
        lastSequenceSql = sql.select(DSL.coalesce(DSL.max(EVENTS.SEQUENCE), 0L))
                .from(EVENTS)
                .getSQL();
    }

    /**
     * What this connection has learnt of the log. A transaction holds the write lock, and the
     * database forgets this when another connection commits: so a sequence or stream version read
     * or written once stays true, and a command need not read what the one before it wrote.
     */
    private static final class KnownLog implements TransactionScoped {
        static final long UNKNOWN = -1;
        /** Past this many streams the versions are forgotten, to bound memory. */
        private static final int LIMIT = 4_096;
        /** The highest sequence ever used ({@code sqlite_sequence}), the base of the next insert. */
        long ceiling = UNKNOWN;
        /** The highest sequence stored, as {@link #lastSequence()} reports it. */
        long last = UNKNOWN;
        /** Each touched stream's current version, -1 for a stream with no events. */
        final Map<String, Long> versions = new HashMap<>();

        /** Streams' current versions; past the limit, all are forgotten instead. */
        void rememberVersions(Map<String, Long> current) {
            versions.putAll(current);
            if (versions.size() > LIMIT) {
                versions.clear();
            }
        }

        /** What an append left behind: its last sequence and its streams' versions. */
        void rememberAppend(long lastSequence, Map<String, Long> streamVersions) {
            ceiling = lastSequence;
            last = lastSequence;
            rememberVersions(streamVersions);
        }

        @Override
        public void forget() {
            ceiling = UNKNOWN;
            last = UNKNOWN;
            versions.clear();
        }
    }

    @Override
    public List<StoredEvent> append(AppendBatch batch) {
        return database.inTransaction(connection -> {
            if (batch.events().size() == 1) {
                // One row: a failed insert leaves nothing behind, so no savepoint is needed (it
                // cost two statements more on every single-event command).
                try {
                    return insert(batch);
                } catch (DuplicateInsert duplicate) {
                    return alreadyStored(batch, duplicate.eventId());
                }
            }
            // Kept prepared: a Statement created and parsed for each savepoint was two round trips
            // more per batch.
            execute("SAVEPOINT append_batch");
            try {
                List<StoredEvent> stored = insert(batch);
                execute("RELEASE append_batch");
                return stored;
            } catch (DuplicateInsert duplicate) {
                execute("ROLLBACK TO append_batch");
                execute("RELEASE append_batch");
                return alreadyStored(batch, duplicate.eventId());
            } catch (SQLException | RuntimeException e) {
                execute("ROLLBACK TO append_batch");
                execute("RELEASE append_batch");
                throw e;
            }
        });
    }

    private void execute(String statementSql) throws SQLException {
        database.prepared(statementSql).execute();
    }

    /** Signals that an event id of the batch is stored already. */
    private static final class DuplicateInsert extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient EventId eventId;

        DuplicateInsert(EventId eventId) {
            super(null, null, false, false);
            this.eventId = eventId;
        }

        EventId eventId() {
            return eventId;
        }
    }

    private List<StoredEvent> insert(AppendBatch batch) throws SQLException {
        // A stream id is built from the event's fields on each call: build each one once.
        String[] streams = new String[batch.events().size()];
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < streams.length; i++) {
            String stream = batch.events().get(i).event().streamId();
            streams[i] = i > 0 && stream.equals(streams[i - 1]) ? streams[i - 1] : stream;
            if (!versions.containsKey(streams[i])) {
                versions.put(streams[i], currentVersion(streams[i]));
            }
        }
        for (Map.Entry<String, ExpectedVersion> expectation :
                batch.expectations().entrySet()) {
            String stream = expectation.getKey();
            long current = versions.containsKey(stream) ? versions.get(stream) : currentVersion(stream);
            if (!expectation.getValue().isMetBy(current)) {
                throw new VersionConflict(stream, expectation.getValue(), current);
            }
        }
        long sequence = lastSequenceInTransaction();
        Instant recorded = clock.instant();
        String recordedAt = recorded.toString();
        List<StoredEvent> stored = new ArrayList<>(batch.events().size());
        PreparedStatement insert = database.prepared(insertSql);
        try {
            String stream = null;
            long version = 0;
            for (int i = 0; i < streams.length; i++) {
                NewEvent event = batch.events().get(i);
                if (!streams[i].equals(stream)) { // a run of one stream shares one instance: quick
                    if (stream != null) {
                        versions.put(stream, version);
                    }
                    stream = streams[i];
                    version = versions.get(stream);
                }
                version++;
                EventMetadata meta = event.metadata();
                StoredEvent next = new StoredEvent(
                        ++sequence,
                        event.eventId(),
                        stream,
                        version,
                        event.event().at(),
                        recorded,
                        meta.commandId(),
                        meta.causationId(),
                        meta.correlationId(),
                        event.event());
                insert.setLong(1, next.sequence());
                insert.setString(2, next.eventId().toString());
                insert.setString(3, stream);
                insert.setLong(4, version);
                insert.setString(5, next.type());
                insert.setString(6, next.occurredAt().toString());
                insert.setString(7, recordedAt);
                insert.setString(8, meta.commandId());
                insert.setString(9, meta.causationId());
                insert.setString(10, meta.correlationId());
                insert.setString(11, encode(event, stored.size()));
                insert.addBatch();
                stored.add(next);
            }
            versions.put(stream, version);
            insert.executeBatch();
            known.rememberAppend(sequence, versions);
        } catch (SQLException e) {
            insert.clearBatch();
            // sqlite-jdbc reports a failed batch entry as a plain SQLiteException, not a
            // BatchUpdateException.
            if (SqliteErrors.isUniqueViolation(e)
                    && String.valueOf(e.getMessage()).contains("event_id")) {
                int failed = e instanceof BatchUpdateException update && update.getUpdateCounts() != null
                        ? update.getUpdateCounts().length
                        : 0;
                throw new DuplicateInsert(
                        batch.events().get(Math.min(failed, stored.size() - 1)).eventId());
            }
            throw e;
        } catch (RuntimeException e) {
            insert.clearBatch();
            throw e;
        }
        return stored;
    }

    private String encode(NewEvent event, int index) {
        try {
            return codec.encode(event.event());
        } catch (IllegalArgumentException e) {
            throw new StorageFailure(
                    Reason.ENCODING,
                    "event " + (index + 1) + " of the batch (" + event.eventId() + ") cannot be stored: "
                            + e.getMessage(),
                    e);
        }
    }

    private long currentVersion(String streamId) throws SQLException {
        Long knownVersion = known.versions.get(streamId);
        if (knownVersion != null) {
            return knownVersion;
        }
        PreparedStatement query = database.prepared(streamVersionSql);
        query.setString(1, streamId);
        try (ResultSet result = query.executeQuery()) {
            long version = result.getLong(1);
            version = result.wasNull() ? -1 : version;
            known.rememberVersions(Map.of(streamId, version));
            return version;
        }
    }

    private long lastSequenceInTransaction() throws SQLException {
        if (known.ceiling != KnownLog.UNKNOWN) {
            return known.ceiling;
        }
        // sqlite_sequence holds the highest sequence ever used, so a position is never reused.
        try (ResultSet result = database.prepared("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
                .executeQuery()) {
            known.ceiling = result.next() ? result.getLong(1) : 0;
            return known.ceiling;
        }
    }

    /**
     * The stored events when the whole batch is stored already with the same content (a retry);
     * otherwise the refusal naming the offending id.
     */
    private List<StoredEvent> alreadyStored(AppendBatch batch, EventId firstDuplicate) throws SQLException {
        Map<EventId, NewEvent> wanted = new LinkedHashMap<>();
        for (NewEvent event : batch.events()) {
            if (wanted.putIfAbsent(event.eventId(), event) != null) {
                throw new DuplicateEventId(event.eventId(), "it appears twice in the batch");
            }
        }
        List<StoredEvent> found = new ArrayList<>();
        PreparedStatement query = database.prepared(byIdSql);
        for (NewEvent event : wanted.values()) {
            query.setString(1, event.eventId().toString());
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    continue;
                }
                EventRows.Row row = rows.read(result);
                if (row.event() == null || !sameContent(row.event(), event)) {
                    throw new DuplicateEventId(event.eventId(), "it is stored with other content");
                }
                found.add(row.event());
            }
        }
        if (found.isEmpty()) {
            throw new DuplicateEventId(firstDuplicate, "it is stored already");
        }
        if (found.size() < wanted.size()) {
            throw new DuplicateEventId(found.get(0).eventId(), "only part of the batch is stored");
        }
        return List.copyOf(found);
    }

    private boolean sameContent(StoredEvent stored, NewEvent event) {
        EventMetadata meta = event.metadata();
        return stored.event().equals(event.event())
                && Objects.equals(stored.commandId(), meta.commandId())
                && Objects.equals(stored.causationId(), meta.causationId())
                && Objects.equals(stored.correlationId(), meta.correlationId());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Outside a transaction the replay reads on a connection of its own, so a long replay
     * holds up no writer. Inside one it reads on the transaction's connection, so it sees the
     * events the transaction appended before it (a command's catch-up must), up to the last of
     * them when it starts (so appending while reading it ends); it must be read before the
     * transaction ends, which closes it.
     */
    @Override
    public Stream<StoredEvent> replayFrom(long afterSequence) {
        if (database.inTransaction()) {
            return database.withWriter(connection -> {
                long upTo = lastSequence();
                PreparedStatement query = connection.prepareStatement(replayUpToSql);
                try {
                    query.setLong(1, afterSequence);
                    query.setLong(2, upTo);
                    return replay(query, openReplays.open(query), () -> {});
                } catch (SQLException | RuntimeException e) {
                    query.close();
                    throw e;
                }
            });
        }
        Connection reader = database.openReader();
        try {
            PreparedStatement query = reader.prepareStatement(replaySql);
            query.setLong(1, afterSequence);
            return replay(query, new OpenReplays.Replay(query), () -> closeReader(reader));
        } catch (SQLException | RuntimeException e) {
            closeReader(reader); // closes its statements too
            throw e instanceof SQLException sql
                    ? SqliteErrors.translate(database.file(), "replay the log", sql)
                    : (RuntimeException) e;
        }
    }

    /**
     * The replays read on the writer connection inside a transaction: they end with it, so a
     * stream that escapes its transaction can neither hold the connection's snapshot open nor read
     * on it from outside the lock.
     */
    private static final class OpenReplays implements TransactionScoped {
        private final List<Replay> open = new ArrayList<>();

        /** A replay's statement, and whether its transaction has ended. */
        static final class Replay {
            private final PreparedStatement query;
            private boolean ended;

            Replay(PreparedStatement query) {
                this.query = query;
            }

            boolean ended() {
                return ended;
            }

            void end() throws SQLException {
                ended = true;
                query.close();
            }
        }

        Replay open(PreparedStatement query) {
            Replay replay = new Replay(query);
            open.add(replay);
            return replay;
        }

        @Override
        public void afterCommit() {
            forget();
        }

        @Override
        public void forget() {
            for (Replay replay : open) {
                try {
                    replay.end();
                } catch (SQLException e) {
                    // The transaction is over; a statement that fails to close holds nothing.
                }
            }
            open.clear();
        }
    }

    /** The events a bound query selects, streamed; closing the stream closes the query. */
    private Stream<StoredEvent> replay(PreparedStatement query, OpenReplays.Replay replay, Runnable whenClosed)
            throws SQLException {
        ResultSet result = query.executeQuery();
        EventRows readerRows = new EventRows(codec); // its own: EventRows is not thread-safe
        Spliterator<StoredEvent> events =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super StoredEvent> action) {
                        if (replay.ended()) {
                            throw new IllegalStateException(
                                    "a replay started inside a transaction must be read before the transaction ends");
                        }
                        try {
                            while (result.next()) {
                                EventRows.Row row = readerRows.read(result);
                                if (row.event() != null) {
                                    action.accept(row.event());
                                    return true;
                                }
                            }
                            return false;
                        } catch (SQLException e) {
                            throw SqliteErrors.translate(database.file(), "replay the log", e);
                        }
                    }
                };
        return StreamSupport.stream(events, false).onClose(() -> {
            try {
                query.close(); // closes its result set too
            } catch (SQLException e) {
                throw SqliteErrors.translate(database.file(), "end a replay", e);
            } finally {
                whenClosed.run();
            }
        });
    }

    private void closeReader(Connection reader) {
        try {
            reader.close(); // closes its statements and result sets too
        } catch (SQLException e) {
            throw SqliteErrors.translate(database.file(), "close a reader", e);
        }
    }

    @Override
    public List<StoredEvent> readStream(String streamId) {
        return database.withWriter(connection -> {
            PreparedStatement query = database.prepared(readStreamSql);
            query.setString(1, streamId);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    EventRows.Row row = rows.read(result);
                    if (row.event() != null) {
                        events.add(row.event());
                    }
                }
            }
            return events;
        });
    }

    @Override
    public long lastSequence() {
        return database.withWriter(connection -> {
            boolean inTransaction = database.inTransaction();
            if (inTransaction && known.last != KnownLog.UNKNOWN) {
                return known.last;
            }
            try (ResultSet result = database.prepared(lastSequenceSql).executeQuery()) {
                long last = result.getLong(1);
                if (inTransaction) {
                    known.last = last;
                }
                return last;
            }
        });
    }

    @Override
    public List<UndecodableEvent> undecodableEvents() {
        try (Connection reader = database.openReader();
                PreparedStatement query = reader.prepareStatement(replaySql)) {
            query.setLong(1, 0);
            List<UndecodableEvent> found = new ArrayList<>();
            EventRows readerRows = new EventRows(codec);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    EventRows.Row row = readerRows.read(result);
                    if (row.undecodable() != null) {
                        found.add(row.undecodable());
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqliteErrors.translate(database.file(), "scan the log", e);
        }
    }
}
