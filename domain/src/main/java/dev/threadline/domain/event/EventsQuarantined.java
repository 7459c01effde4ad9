package dev.threadline.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Stored rows that could not be decoded were moved out of the log into a quarantine file, on the
 * {@link Event#STORE_STREAM} stream. The file holds their raw columns, one JSON object a line.
 *
 * @param sequences the positions the rows had in the log, ascending
 * @param file the quarantine file's name
 * @param fileSha256 the file's SHA-256 in lowercase hex
 * @param at when they were moved
 */
public record EventsQuarantined(List<Long> sequences, String file, String fileSha256, Instant at) implements Event {

    /** Checks that every field is present and copies the sequences. */
    public EventsQuarantined {
        sequences = List.copyOf(Objects.requireNonNull(sequences, "sequences"));
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileSha256, "fileSha256");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return STORE_STREAM;
    }
}
