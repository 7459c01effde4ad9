package dev.threadline.sqlite;

import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.EventJsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The event log in the {@code events} table. Its statements are fixed text ({@link EventStatements})
 * run as prepared JDBC statements, so appends and replays cost what plain JDBC does.
 */
public final class SqliteEventStore implements EventStore {

    private final SqliteDatabase database;
    private final EventJsonCodec codec;
    private final EventRows rows; // used only under the writer lock
    private final KnownLog known; // used only under the writer lock
    private final DeferredRows deferred; // used only under the writer lock
    private final EventAppends appends;
    private final OpenReplays openReplays;

    /**
     * @param database the open database
     * @param codec the JSON codec for payloads
     * @param clock the source of {@code recordedAt}
     */
    public SqliteEventStore(SqliteDatabase database, EventJsonCodec codec, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.codec = Objects.requireNonNull(codec);
        this.rows = new EventRows(codec);
        this.known = database.transactionScoped(KnownLog.class, KnownLog::new);
        this.deferred = DeferredRows.of(database);
        this.appends = new EventAppends(database, codec, Objects.requireNonNull(clock), known);
        this.openReplays = database.transactionScoped(OpenReplays.class, OpenReplays::new);
    }

    @Override
    public List<StoredEvent> append(AppendBatch batch) {
        return appends.append(batch);
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
                deferred.writeOut(); // the rows the transaction keeps are read too
                long upTo = lastSequence();
                PreparedStatement query = connection.prepareStatement(EventStatements.REPLAY_UP_TO);
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
            PreparedStatement query = reader.prepareStatement(EventStatements.REPLAY);
            query.setLong(1, afterSequence);
            return replay(query, new OpenReplays.Replay(query), () -> closeReader(reader));
        } catch (SQLException | RuntimeException e) {
            closeReader(reader); // closes its statements too
            throw e instanceof SQLException sql
                    ? SqliteErrors.translate(database.file(), "replay the log", sql)
                    : (RuntimeException) e;
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
            if (database.inTransaction()) {
                deferred.writeOut();
            }
            PreparedStatement query = database.prepared(EventStatements.READ_STREAM);
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
            if (inTransaction) {
                deferred.writeOut();
            }
            try (ResultSet result =
                    database.prepared(EventStatements.LAST_SEQUENCE).executeQuery()) {
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
                PreparedStatement query = reader.prepareStatement(EventStatements.REPLAY)) {
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
