package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.domain.event.EventsQuarantined;
import dev.threadline.domain.event.StoredEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Moves the rows that cannot be decoded out of the log: first into an owner-only quarantine file
 * (their raw columns, one JSON object a line, fsynced), then, through the same removal path as a
 * purge, one transaction removes them and appends {@code EventsQuarantined} naming their
 * sequences. Afterwards export, verify and import see a log that decodes whole.
 *
 * <p>Thread-safe; it waits for other writers as any write transaction does.
 */
public final class QuarantineRows {

    private final LogRemoval removal;
    private final ArchiveFiles files;
    private final RecordedRemoval recorded;
    private final Clock clock;

    QuarantineRows(LogRemoval removal, ArchiveFiles files, RecordedRemoval recorded, Clock clock) {
        this.removal = removal;
        this.files = files;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** The rows a quarantine would move; changes nothing. */
    public Quarantined plan() {
        return new Quarantined(removal.undecodableRows(), null, null, 0);
    }

    /**
     * Moves the undecodable rows; does nothing when there is none.
     *
     * @throws dev.threadline.domain.error.StorageFailure when the file cannot be written (then
     *     nothing is removed) or the store fails
     */
    public Quarantined run() {
        List<LogRemoval.RawRow> rows = removal.undecodableRows();
        if (rows.isEmpty()) {
            return new Quarantined(rows, null, null, 0);
        }
        Instant now = clock.instant();
        Path target = files.quarantineFile(now);
        files.createDirectoryOf(target);
        ArchiveFiles.WrittenFile file = files.writeRows(target, rows);
        List<Long> sequences = rows.stream().map(LogRemoval.RawRow::sequence).toList();
        StoredEvent event = recorded.removeAndRecord(
                new LogRemoval.AtSequences(sequences),
                sequences.size(),
                () -> new EventsQuarantined(sequences, file.file().toString(), file.sha256(), now));
        return new Quarantined(rows, file.file(), file.sha256(), event.sequence());
    }
}
