package dev.threadline.domain.event;

import dev.threadline.domain.id.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as the log holds it: its global position, identity, stream position, times, the ids
 * that tie it to a command, and the typed event.
 *
 * @param sequence global position, strictly increasing in commit order; the only gaps are events
 *     removed by a purge or a quarantine, which an event of the store stream records
 * @param eventId the event's unique id
 * @param streamId the stream it belongs to
 * @param streamVersion 0-based position within its stream
 * @param occurredAt when it happened (the event's own time)
 * @param recordedAt when the store committed it
 * @param commandId the command that produced it, or null
 * @param causationId the message that caused it, or null
 * @param correlationId the conversation or workflow it belongs to, or null
 * @param event the typed event
 */
public record StoredEvent(
        long sequence,
        EventId eventId,
        String streamId,
        long streamVersion,
        Instant occurredAt,
        Instant recordedAt,
        String commandId,
        String causationId,
        String correlationId,
        Event event) {

    /** Checks that every required field is present. */
    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
    }

    /** The event's stable type name. */
    public String type() {
        return event.typeName();
    }
}
