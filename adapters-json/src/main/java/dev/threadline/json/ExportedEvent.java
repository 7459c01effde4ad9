package dev.threadline.json;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored event as one line of an export states it.
 *
 * @param sequence its position in the exported log; 0 when the line omits it
 * @param eventId its id, kept by an import
 * @param streamId its stream, the event's own
 * @param streamVersion its 0-based version in the stream
 * @param occurredAt its time, the event's own
 * @param recordedAt when the exporting store committed it; null when the line omits it
 * @param metadata its command, causation and correlation ids
 * @param event the typed event
 */
public record ExportedEvent(
        long sequence,
        EventId eventId,
        String streamId,
        long streamVersion,
        Instant occurredAt,
        Instant recordedAt,
        EventMetadata metadata,
        Event event) {

    /** Checks that every required field is present. */
    public ExportedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(event, "event");
    }

    /** The event to append again, with its original id and metadata. */
    public NewEvent toNewEvent() {
        return new NewEvent(eventId, event, metadata);
    }
}
