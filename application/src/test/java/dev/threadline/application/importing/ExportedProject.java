package dev.threadline.application.importing;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A project's history as an export holds it, for the import tests. */
final class ExportedProject {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    private ExportedProject() {}

    /**
     * The project created, then renamed {@code renames} times, numbered as lines 1, 2, 3 …; each
     * event's metadata is made from its stream version.
     */
    static List<ImportRecord> renamed(ProjectId project, int renames, IntFunction<EventMetadata> metadata) {
        List<Event> events = new ArrayList<>();
        events.add(new ProjectCreated(project, "shop", "/src/shop", AT));
        for (int i = 1; i <= renames; i++) {
            events.add(new ProjectRenamed(project, "shop " + i, AT.plusSeconds(i)));
        }
        List<ImportRecord> records = new ArrayList<>();
        for (int version = 0; version < events.size(); version++) {
            NewEvent event = new NewEvent(EventId.next(), events.get(version), metadata.apply(version));
            records.add(new ImportRecord(version + 1, version, event));
        }
        return records;
    }
}
