package dev.threadline.sqlite;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.AppendRetry;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.json.EventJsonCodec;
import dev.threadline.json.Timestamps;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends to the {@code events} table: the batch's expectations checked against the stream
 * versions the transaction knows, sequences continuing from {@code sqlite_sequence} so that none is
 * reused. When every event id of the batch is greater than the greatest one stored or kept (ids are
 * time-ordered, so a new batch's always are), none can be stored already, and its rows are kept in
 * the transaction's {@link DeferredRows}, written with the others of the transaction as one batch
 * before the commit: the only refusal left, a version conflict, is decided here, in the command
 * it belongs to. Otherwise the kept rows are written first and the batch's rows are inserted at
 * once, as one JDBC batch under a savepoint (none for one row); a batch refused then is looked up
 * by its event ids and judged by {@link AppendRetry}, so that a retry returns what its first
 * attempt stored. Used only under the writer lock.
 */
final class EventAppends {

    private final SqliteDatabase database;
    private final EventJsonCodec codec;
    private final EventRows rows;
    private final Clock clock;
    private final KnownLog known;
    private final DeferredRows deferred;

    EventAppends(SqliteDatabase database, EventJsonCodec codec, Clock clock, KnownLog known) {
        this.database = database;
        this.codec = codec;
        this.rows = new EventRows(codec);
        this.clock = clock;
        this.known = known;
        this.deferred = DeferredRows.of(database);
    }

    /** Appends a batch in the caller's transaction, or one of its own; see {@link AppendRetry}. */
    List<StoredEvent> append(AppendBatch batch) {
        return database.inTransaction(connection -> {
            String greatest = greatestIfNew(batch);
            if (greatest != null) {
                try {
                    List<StoredEvent> stored = insert(batch, true);
                    known.greatestEventId = greatest;
                    return stored;
                } catch (VersionConflict refused) {
                    return retried(batch, refused);
                }
            }
            deferred.writeOut(); // the unique index of event ids must see every row
            List<StoredEvent> stored = insertNow(batch);
            if (known.greatestEventId != null && !stored.isEmpty()) {
                for (StoredEvent event : stored) {
                    String id = event.eventId().toString();
                    if (id.compareTo(known.greatestEventId) > 0) {
                        known.greatestEventId = id;
                    }
                }
            }
            return stored;
        });
    }

    /** Inserts a batch at once; see {@link #append}. */
    private List<StoredEvent> insertNow(AppendBatch batch) throws SQLException {
        if (batch.events().size() == 1) {
            // One row: a failed insert leaves nothing behind, so no savepoint is needed.
            try {
                return insert(batch, false);
            } catch (DuplicateInsert | VersionConflict refused) {
                return retried(batch, refused);
            }
        }
        execute("SAVEPOINT append_batch");
        try {
            List<StoredEvent> stored = insert(batch, false);
            execute("RELEASE append_batch");
            return stored;
        } catch (DuplicateInsert | VersionConflict refused) {
            execute("ROLLBACK TO append_batch");
            execute("RELEASE append_batch");
            return retried(batch, refused);
        } catch (SQLException | RuntimeException e) {
            execute("ROLLBACK TO append_batch");
            execute("RELEASE append_batch");
            throw e;
        }
    }

    /**
     * The batch's greatest event id when every id of the batch, in order, is greater than the one
     * before it and than the greatest one stored or kept (none can be stored already); otherwise
     * null. Ids are compared as the stored text: SQLite's default order of text is its bytes',
     * which is Java's order of strings while both are ASCII.
     */
    private String greatestIfNew(AppendBatch batch) throws SQLException {
        String greatest = greatestEventId();
        for (NewEvent event : batch.events()) {
            String id = event.eventId().toString();
            if (id.compareTo(greatest) <= 0) {
                return null;
            }
            greatest = id;
        }
        return greatest;
    }

    private String greatestEventId() throws SQLException {
        if (known.greatestEventId == null) {
            deferred.writeOut();
            try (ResultSet result =
                    database.prepared(EventStatements.GREATEST_ID).executeQuery()) {
                String greatest = result.next() ? result.getString(1) : null;
                // A stored id that is not ASCII (none is: ids are UUIDs) leaves no id new by this test.
                known.greatestEventId =
                        greatest == null ? "" : greatest.chars().allMatch(c -> c < 0x80) ? greatest : "\uffff";
            }
        }
        return known.greatestEventId;
    }

    /**
     * The stored events when the refused batch is a retry of one stored before; otherwise the
     * refusal {@link AppendRetry} names, or the original one when none of the batch is stored.
     */
    private List<StoredEvent> retried(AppendBatch batch, RuntimeException refused) throws SQLException {
        if (AppendRetry.judge(batch, storedCopies(batch)) instanceof AppendRetry.Retry retry) {
            return retry.stored();
        }
        if (refused instanceof DuplicateInsert duplicate) {
            throw new DuplicateEventId(duplicate.eventId(), "it is stored already");
        }
        throw refused;
    }

    /** What is stored under the batch's event ids: each found event, empty when undecodable. */
    private Map<EventId, Optional<StoredEvent>> storedCopies(AppendBatch batch) throws SQLException {
        deferred.writeOut();
        Map<EventId, Optional<StoredEvent>> found = new HashMap<>();
        PreparedStatement query = database.prepared(EventStatements.BY_ID);
        for (NewEvent event : batch.events()) {
            query.setString(1, event.eventId().toString());
            try (ResultSet result = query.executeQuery()) {
                if (result.next()) {
                    found.put(
                            event.eventId(),
                            Optional.ofNullable(rows.read(result).event()));
                }
            }
        }
        return found;
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

    /** Inserts the batch's rows, or keeps them for the transaction's batch when {@code keep}. */
    private List<StoredEvent> insert(AppendBatch batch, boolean keep) throws SQLException {
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
        batch.skipToFirstVersions(versions, stream -> {
            throw new IllegalArgumentException("a first version is given for " + stream + ", not in the batch");
        });
        long sequence = lastSequenceInTransaction();
        Instant recorded = clock.instant();
        String recordedAt = Timestamps.format(recorded);
        List<StoredEvent> stored = new ArrayList<>(batch.events().size());
        // Every row is made (and its payload encoded) before any is written or kept: a refusal leaves none.
        List<Object[]> rows = new ArrayList<>(streams.length);
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
            StoredEvent next = event.storedAt(++sequence, version, recorded);
            rows.add(new Object[] {
                next.sequence(),
                next.eventId().toString(),
                stream,
                version,
                next.type(),
                Timestamps.format(next.occurredAt()),
                recordedAt,
                next.commandId(),
                next.causationId(),
                next.correlationId(),
                encode(event, stored.size())
            });
            stored.add(next);
        }
        versions.put(stream, version);
        if (keep) {
            for (Object[] row : rows) {
                deferred.keep(EventStatements.INSERT, row);
            }
        } else {
            insertRows(batch, rows);
        }
        known.rememberAppend(sequence, versions);
        return stored;
    }

    /** Inserts the rows of a batch as one JDBC batch; a stored event id is a {@link DuplicateInsert}. */
    private void insertRows(AppendBatch batch, List<Object[]> rows) throws SQLException {
        PreparedStatement insert = database.prepared(EventStatements.INSERT);
        try {
            for (Object[] row : rows) {
                KeptStatements.bind(insert, row);
                insert.addBatch();
            }
            insert.executeBatch();
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
                        batch.events().get(Math.min(failed, rows.size() - 1)).eventId());
            }
            throw e;
        } catch (RuntimeException e) {
            insert.clearBatch();
            throw e;
        }
    }

    private String encode(NewEvent event, int index) {
        try {
            return codec.encodeStored(event.event());
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
        deferred.writeOut();
        PreparedStatement query = database.prepared(EventStatements.STREAM_VERSION);
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
        deferred.writeOut();
        try (ResultSet result = database.prepared(EventStatements.CEILING).executeQuery()) {
            known.ceiling = result.next() ? result.getLong(1) : 0;
            return known.ceiling;
        }
    }
}
