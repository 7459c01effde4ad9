package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.EventsQuarantined;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moves the rows that cannot be decoded out of the log: first into an owner-only quarantine file
 * (their raw columns, one JSON object a line, fsynced), then, through the same removal path as a
 * purge, one transaction removes them and appends {@code EventsQuarantined} naming their
 * sequences, and the read models are rebuilt from what remains (a row may have been projected
 * before it became undecodable). Afterwards export, verify and import see a log that decodes whole.
 *
 * <p>Thread-safe; it waits for other writers as any write transaction does.
 */
public final class QuarantineRows {

    private final LogRemoval removal;
    private final ArchiveFiles files;
    private final RecordedRemoval recorded;
    private final LifecycleReceipts receipts;
    private final Clock clock;

    QuarantineRows(
            LogRemoval removal, ArchiveFiles files, RecordedRemoval recorded, LifecycleReceipts receipts, Clock clock) {
        this.removal = removal;
        this.files = files;
        this.recorded = recorded;
        this.receipts = receipts;
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
        return run(null);
    }

    /**
     * Moves the undecodable rows under a command id: the receipt commits with the removal (alone
     * when there is nothing to move), and a retry under the same id returns the first result and
     * writes nothing, even when new undecodable rows have appeared since. A repeated result's rows
     * hold their position, ids, stream and type only: the rest left the store with them.
     *
     * @param commandId the caller's id, or null for none
     * @throws dev.threadline.domain.error.DomainRuleViolation when the id was used for another
     *     command
     * @throws dev.threadline.domain.error.InvalidInput when the id is blank
     */
    public Quarantined run(String commandId) {
        LifecycleReceipts.Claim claim = LifecycleReceipts.claim(commandId, LifecycleReceipts.QUARANTINE_ROWS);
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return LifecycleReceipts.quarantinedOf(earlier.get());
        }
        List<LogRemoval.RawRow> rows = removal.undecodableRows();
        if (rows.isEmpty()) {
            Quarantined nothing = new Quarantined(rows, null, null, 0);
            if (claim == null) {
                return nothing;
            }
            return receipts.recordAlone(claim, LifecycleReceipts.ofQuarantine(nothing))
                    .map(LifecycleReceipts::quarantinedOf)
                    .orElse(nothing);
        }
        Instant now = clock.instant();
        Path target = files.quarantineFile(now);
        files.createDirectoryOf(target);
        ArchiveFiles.WrittenFile file = files.writeRows(target, rows);
        List<Long> sequences = rows.stream().map(LogRemoval.RawRow::sequence).toList();
        RecordedRemoval.Removal removed = recorded.removeAndRecord(
                new LogRemoval.AtSequences(sequences),
                sequences.size(),
                () -> new EventsQuarantined(sequences, file.file().toString(), file.sha256(), now),
                claim,
                event -> LifecycleReceipts.ofQuarantine(
                        new Quarantined(rows, file.file(), file.sha256(), event.sequence())),
                RecordedRemoval.Projection.REBUILD);
        if (removed.earlier() != null) {
            return LifecycleReceipts.quarantinedOf(removed.earlier());
        }
        return new Quarantined(
                rows, file.file(), file.sha256(), removed.recorded().sequence());
    }
}
