package dev.threadline.json;

import dev.threadline.domain.store.NewEvent;
import java.util.Objects;

/**
 * What an import takes from a line of an export: the event with its original id and metadata, and
 * its version in its stream. The line's stream and time are the event's own; its sequence and
 * commit time belong to the exporting store and are checked, not kept.
 *
 * @param streamVersion its 0-based version in its stream
 * @param event the event to append again
 */
public record ExportedEvent(long streamVersion, NewEvent event) {

    /** Checks that the event is present. */
    public ExportedEvent {
        Objects.requireNonNull(event, "event");
    }
}
