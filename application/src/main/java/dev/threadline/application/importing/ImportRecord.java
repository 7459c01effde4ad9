package dev.threadline.application.importing;

import dev.threadline.domain.store.NewEvent;
import java.util.Objects;

/**
 * One event of an export to import, with the sequence and stream version it had in the exporting
 * store.
 *
 * @param line its 1-based line in the export, named in errors
 * @param sequence its sequence in the exporting store, which orders the lines (0: not known)
 * @param streamVersion its 0-based version in its stream, kept by the import
 * @param event the event with its original id and metadata
 */
public record ImportRecord(long line, long sequence, long streamVersion, NewEvent event) {

    /** Checks that the event is present and the version is 0 or more. */
    public ImportRecord {
        Objects.requireNonNull(event, "event");
        if (streamVersion < 0) {
            throw new IllegalArgumentException("a stream version is 0 or more, not " + streamVersion);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence is 1 or more (0: not known), not " + sequence);
        }
    }

    /** A record whose sequence in the exporting store is not known. */
    public ImportRecord(long line, long streamVersion, NewEvent event) {
        this(line, 0, streamVersion, event);
    }

    /** The event's stream. */
    public String streamId() {
        return event.event().streamId();
    }
}
