package dev.threadline.application.lifecycle;

import dev.threadline.application.port.LogRemoval;
import java.nio.file.Path;
import java.util.List;

/**
 * What a quarantine moved, or would move on a dry run.
 *
 * @param rows the rows that cannot be decoded, in sequence order
 * @param file the quarantine file, or null when nothing was moved (a dry run, or no such row)
 * @param fileSha256 its SHA-256, or null
 * @param sequence the sequence of the {@code EventsQuarantined} event, or 0 when none was recorded
 */
public record Quarantined(List<LogRemoval.RawRow> rows, Path file, String fileSha256, long sequence) {

    /** Copies the rows. */
    public Quarantined {
        rows = List.copyOf(rows);
    }
}
