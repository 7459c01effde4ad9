package dev.threadline.sqlite;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.EventJsonCodec;
import dev.threadline.json.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads rows of the {@code events} table (its columns as {@link EventStatements#COLUMNS} names them)
 * into stored events, telling apart the ones that cannot be.
 * Not thread-safe (it remembers the last timestamps parsed): one instance a reader.
 */
final class EventRows {

    private final EventJsonCodec codec;
    private final Timestamps occurred = new Timestamps();
    private final Timestamps recorded = new Timestamps();

    EventRows(EventJsonCodec codec) {
        this.codec = codec;
    }

    /** A decoded row: exactly one of the two is set. */
    record Row(StoredEvent event, UndecodableEvent undecodable) {}

    /** Decodes the row the result set stands on. */
    Row read(ResultSet rows) throws SQLException {
        long sequence = rows.getLong(1);
        String type = rows.getString(5);
        try {
            String stream = rows.getString(3);
            String occurredAt = rows.getString(6);
            Event event = codec.decodeStored(type, stream, occurredAt, rows.getString(11));
            StoredEvent stored = new StoredEvent(
                    sequence,
                    new EventId(UUID.fromString(rows.getString(2))),
                    stream,
                    rows.getLong(4),
                    occurred.parse(occurredAt),
                    recorded.parse(rows.getString(7)),
                    rows.getString(8),
                    rows.getString(9),
                    rows.getString(10),
                    event);
            return new Row(stored, null);
        } catch (RuntimeException e) {
            return new Row(null, new UndecodableEvent(sequence, type, e.getMessage()));
        }
    }
}
