package dev.threadline.domain.store;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * An event to append, with the id that makes a retried append safe.
 *
 * @param eventId unique id; appending it again with the same content is a no-op
 * @param event the event; its stream and time come from it
 * @param metadata command, causation and correlation ids
 */
public record NewEvent(EventId eventId, Event event, EventMetadata metadata) {

    /** Checks that every field is present. */
    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * A new event with a fresh time-ordered id and no metadata, for code that appends to the log
     * directly (tests, tools). The application takes its ids from its id source instead.
     */
    public static NewEvent of(Event event) {
        return new NewEvent(EventId.next(), event, EventMetadata.NONE);
    }

    /** This event as the log holds it once stored at these positions and this commit time. */
    public StoredEvent storedAt(long sequence, long streamVersion, Instant recordedAt) {
        return new StoredEvent(
                sequence,
                eventId,
                event.streamId(),
                streamVersion,
                event.at(),
                recordedAt,
                metadata.commandId(),
                metadata.causationId(),
                metadata.correlationId(),
                event);
    }
}
