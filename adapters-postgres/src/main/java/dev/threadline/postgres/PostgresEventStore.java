package dev.threadline.postgres;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.AppendRetry;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.EventJsonCodec;
import dev.threadline.json.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The event log in the {@code events} table. An append runs in the store's write transaction,
 * whose lock serialises writers on every node: it first reads what it depends on and the
 * transaction does not know (stored copies of its event ids, unless each is greater than every
 * stored id; its streams' versions), in one round trip or none, then numbers its events after the
 * log head read with the lock, then queues their inserts, which go with the transaction's next
 * statement ({@link PendingWrites}); the transaction writes the new head once, with its commit
 * ({@link WriteTransaction}). A retry is judged by {@link AppendRetry} before anything is
 * written, so a refused append never aborts the transaction it runs in.
 */
public final class PostgresEventStore implements EventStore {

    /** Streams' versions, each read from the end of its index: the same cost however long the stream. */
    private static final String VERSIONS = "SELECT s.stream_id, (SELECT max(e.stream_version) FROM events e WHERE"
            + " e.stream_id = s.stream_id) FROM unnest(?::text[]) AS s(stream_id)";

    /**
     * One stream's version (null when it holds no event), read from the end of its index; as a
     * subquery, like {@link #VERSIONS}, it ran 3-5 times faster here than the plain aggregate.
     */
    static final String STREAM_VERSION = "SELECT (SELECT max(e.stream_version) FROM events e WHERE e.stream_id ="
            + " s.stream_id) FROM (SELECT ?::text AS stream_id) AS s";

    private static final String HEAD = "SELECT last_sequence FROM log_head WHERE id = 1";

    private final PostgresDatabase database;
    private final EventJsonCodec codec;
    private final Clock clock;
    private final EventStatements sql;

    /**
     * @param database the open store
     * @param codec the JSON codec for payloads
     * @param clock the source of {@code recordedAt}
     */
    public PostgresEventStore(PostgresDatabase database, EventJsonCodec codec, Clock clock) {
        this.database = database;
        this.codec = codec;
        this.clock = clock;
        this.sql = new EventStatements(database.dialect());
    }

    EventStatements statements() {
        return sql;
    }

    /** A decoded row: exactly one of the two is set. */
    record Row(StoredEvent event, UndecodableEvent undecodable) {}

    /** Decodes the row a result set of {@link TableColumns#EVENT} stands on. */
    Row read(ResultSet rows) throws SQLException {
        long sequence = rows.getLong(1);
        String type = rows.getString(5);
        try {
            Event event = codec.decode(type, rows.getString(11));
            return new Row(
                    new StoredEvent(
                            sequence,
                            new EventId(UUID.fromString(rows.getString(2))),
                            rows.getString(3),
                            rows.getLong(4),
                            Timestamps.parseOnce(rows.getString(6)),
                            Timestamps.parseOnce(rows.getString(7)),
                            rows.getString(8),
                            rows.getString(9),
                            rows.getString(10),
                            event),
                    null);
        } catch (RuntimeException e) {
            return new Row(null, new UndecodableEvent(sequence, type, e.getMessage()));
        }
    }

    private StoredEvent decoded(ResultSet rows) throws SQLException {
        return read(rows).event();
    }

    @Override
    public List<StoredEvent> append(AppendBatch batch) {
        AppendRetry.checkDistinct(batch);
        String[] payloads = new String[batch.events().size()];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = encode(batch.events().get(i), i);
        }
        return database.inTransactionCarrying(connection -> {
            WriteTransaction transaction = database.openTransaction();
            Map<String, Long> versions = new HashMap<>();
            String[] ids = new String[payloads.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = batch.events().get(i).eventId().toString();
            }
            Map<EventId, Optional<StoredEvent>> stored =
                    readBeforeAppend(connection, transaction, batch, ids, versions);
            if (AppendRetry.judge(batch, stored) instanceof AppendRetry.Retry retry) {
                return retry.stored();
            }
            for (Map.Entry<String, ExpectedVersion> expectation :
                    batch.expectations().entrySet()) {
                long current = versions.get(expectation.getKey());
                if (!expectation.getValue().isMetBy(current)) {
                    throw new VersionConflict(expectation.getKey(), expectation.getValue(), current);
                }
            }
            batch.skipToFirstVersions(versions, stream -> {
                throw new IllegalArgumentException("a first version is given for " + stream + ", not in the batch");
            });
            long sequence = head(connection, transaction);
            Instant recorded = clock.instant();
            String recordedAt = Timestamps.format(recorded); // once for the batch
            List<StoredEvent> events = new ArrayList<>(payloads.length);
            List<Object[]> rows = new ArrayList<>(payloads.length);
            for (int i = 0; i < payloads.length; i++) {
                NewEvent event = batch.events().get(i);
                String stream = event.event().streamId();
                long version = versions.get(stream) + 1;
                versions.put(stream, version);
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
                rows.add(new Object[] {
                    next.sequence(),
                    next.eventId(),
                    stream,
                    version,
                    next.type(),
                    Timestamps.format(next.occurredAt()),
                    recordedAt,
                    meta.commandId(),
                    meta.causationId(),
                    meta.correlationId(),
                    payloads[i]
                });
                events.add(next);
            }
            // Sent with the transaction's next statement, or at its commit (PendingWrites).
            database.writeAll(sql.insert, rows);
            transaction.appended(sequence, versions, ids);
            return List.copyOf(events);
        });
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

    /**
     * What an append reads before it decides, in one round trip or none: the stored copies of its
     * event ids unless each is greater than every id the log holds (ids are time-ordered, so a new
     * command's are), and the versions of its streams (and expected streams) that the transaction
     * does not know yet, which it puts in {@code versions} and tells the transaction.
     */
    private Map<EventId, Optional<StoredEvent>> readBeforeAppend(
            Connection connection,
            WriteTransaction transaction,
            AppendBatch batch,
            String[] ids,
            Map<String, Long> versions)
            throws SQLException {
        Set<String> streams = new LinkedHashSet<>();
        for (NewEvent event : batch.events()) {
            streams.add(event.event().streamId());
        }
        streams.addAll(batch.expectations().keySet());
        List<String> unknown = new ArrayList<>();
        for (String stream : streams) {
            Long known = transaction.version(stream);
            if (known == null) {
                unknown.add(stream);
            } else {
                versions.put(stream, known);
            }
        }
        Map<EventId, Optional<StoredEvent>> found = new HashMap<>();
        boolean lookUp = !transaction.allNew(ids);
        if (!lookUp && unknown.isEmpty()) {
            return found;
        }
        List<String> statements = new ArrayList<>(2);
        if (lookUp) {
            statements.add(sql.byIds);
        }
        if (!unknown.isEmpty()) {
            statements.add(VERSIONS);
        }
        PendingWrites.Carrier carrier = transaction.pending.prepareAfter(connection, SqlText.script(statements));
        try (PreparedStatement query = carrier.statement()) {
            int index = carrier.firstIndex();
            if (lookUp) {
                query.setArray(index++, connection.createArrayOf("text", ids));
            }
            if (!unknown.isEmpty()) {
                query.setArray(index, connection.createArrayOf("text", unknown.toArray(String[]::new)));
            }
            carrier.execute();
            if (lookUp) {
                try (ResultSet rows = query.getResultSet()) {
                    while (rows.next()) {
                        found.put(new EventId(UUID.fromString(rows.getString(2))), Optional.ofNullable(decoded(rows)));
                    }
                }
            }
            if (!unknown.isEmpty() && (!lookUp || query.getMoreResults())) {
                try (ResultSet rows = query.getResultSet()) {
                    while (rows.next()) {
                        long version = rows.getLong(2);
                        version = rows.wasNull() ? -1L : version;
                        versions.put(rows.getString(1), version);
                        transaction.readVersion(rows.getString(1), version);
                    }
                }
            }
        }
        return found;
    }

    /** The last sequence ever given out, read under the transaction's lock. */
    private static long head(Connection connection, WriteTransaction transaction) throws SQLException {
        long known = transaction.head();
        if (known >= 0) {
            return known;
        }
        long head = transaction.pending.runAfter(connection, HEAD, new Object[0], query -> {
            try (ResultSet row = query.getResultSet()) {
                row.next();
                return row.getLong(1);
            }
        });
        transaction.readHead(head);
        return head;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Outside a transaction the replay reads on a connection of its own with a cursor; inside
     * one it reads on the transaction's connection, up to the last event when it starts, and must
     * be read before the transaction ends.
     */
    @Override
    public Stream<StoredEvent> replayFrom(long afterSequence) {
        if (database.inTransaction()) {
            long upTo = lastSequence();
            return database.stream(sql.replayUpTo, this::decoded, afterSequence, upTo);
        }
        return database.stream(sql.replay, this::decoded, afterSequence);
    }

    /** Every decodable event, in order, on a connection the caller holds in a transaction. */
    Stream<StoredEvent> replayOn(Connection connection) {
        return database.streamOn(connection, sql.replay, this::decoded, 0L);
    }

    @Override
    public List<StoredEvent> readStream(String streamId) {
        return database.list(sql.stream, this::read, streamId).stream()
                .map(Row::event)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @Override
    public long lastSequence() {
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null && transaction.lastSequence().isPresent()) {
            return transaction.lastSequence().getAsLong();
        }
        return database.first(sql.last, rows -> rows.getLong(1)).orElse(0L);
    }

    @Override
    public List<UndecodableEvent> undecodableEvents() {
        try (Stream<Row> rows = database.stream(sql.replay, this::read, 0L)) {
            return rows.map(Row::undecodable).filter(java.util.Objects::nonNull).toList();
        }
    }
}
