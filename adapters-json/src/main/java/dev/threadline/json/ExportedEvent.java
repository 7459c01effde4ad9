package dev.threadline.json;

import dev.threadline.domain.store.NewEvent;
import java.util.Objects;

/**
 * What an import takes from a line of an export: the event with its original id and metadata, and
 * its version in its stream. The line's stream and time are the event's own; its sequence and
 * commit time belong to the exporting store: the sequence tells the order of the lines, and neither
 * is kept.
 *
 * @param sequence its sequence in the exporting store, 0 when the line has none
 * @param streamVersion its 0-based version in its stream
 * @param event the event to append again
 */
public record ExportedEvent(long sequence, long streamVersion, NewEvent event) {

    /** Checks that the event is present. */
    public ExportedEvent {
        Objects.requireNonNull(event, "event");
    }

    /** A line without a sequence. */
    public ExportedEvent(long streamVersion, NewEvent event) {
        this(0, streamVersion, event);
    }
}
