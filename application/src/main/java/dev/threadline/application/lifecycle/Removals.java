package dev.threadline.application.lifecycle;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventsQuarantined;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadPurged;
import java.util.List;

/**
 * What has left the log so far, as the store stream records it.
 *
 * @param purges how many threads were purged
 * @param purgedEvents how many events their purges removed
 * @param purgedBytes their size in the export format
 * @param quarantines how many quarantines moved rows out
 * @param quarantinedRows how many rows they moved
 */
public record Removals(long purges, long purgedEvents, long purgedBytes, long quarantines, long quarantinedRows) {

    /** The totals of the store stream's events. */
    public static Removals of(List<StoredEvent> storeStream) {
        long purges = 0;
        long events = 0;
        long bytes = 0;
        long quarantines = 0;
        long rows = 0;
        for (StoredEvent stored : storeStream) {
            Event event = stored.event();
            if (event instanceof ThreadPurged purged) {
                purges++;
                events += purged.events();
                bytes += purged.bytes();
            } else if (event instanceof EventsQuarantined quarantined) {
                quarantines++;
                rows += quarantined.sequences().size();
            }
        }
        return new Removals(purges, events, bytes, quarantines, rows);
    }
}
