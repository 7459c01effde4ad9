package dev.threadline.postgres;

import dev.threadline.application.port.LogRemoval;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Removes rows from the log inside the caller's transaction. The log head keeps its number, so a
 * removed sequence is never given out again.
 */
public final class PostgresLogRemoval implements LogRemoval {

    private final PostgresDatabase database;
    private final PostgresEventStore events;

    /**
     * @param database the open store
     * @param events its log, which decodes the rows
     */
    public PostgresLogRemoval(PostgresDatabase database, PostgresEventStore events) {
        this.database = database;
        this.events = events;
    }

    @Override
    public long remove(Selection selection) {
        if (!database.inTransaction()) {
            throw new IllegalStateException("events are removed only inside a transaction");
        }
        database.openTransaction().removedEvents();
        if (selection instanceof WholeStream whole) {
            return database.update(events.statements().deleteStream, whole.streamId());
        }
        long removed = 0;
        for (Long sequence : ((AtSequences) selection).sequences()) {
            removed += database.update(events.statements().deleteSequence, sequence);
        }
        return removed;
    }

    @Override
    public List<RawRow> undecodableRows() {
        try (Stream<RawRow> rows = database.stream(
                events.statements().all,
                result -> events.read(result).undecodable() == null
                        ? null
                        : new RawRow(
                                result.getLong(1),
                                result.getString(2),
                                result.getString(3),
                                result.getLong(4),
                                result.getString(5),
                                result.getString(6),
                                result.getString(7),
                                result.getString(8),
                                result.getString(9),
                                result.getString(10),
                                result.getString(11)))) {
            return rows.filter(Objects::nonNull).toList();
        }
    }
}
