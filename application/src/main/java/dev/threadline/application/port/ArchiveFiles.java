package dev.threadline.application.port;

import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Files that keep what leaves the log: a purged thread's archive, in the export format (so that
 * {@code import} restores it), and the quarantine file of rows that could not be decoded (their
 * raw columns, one JSON object a line). Files live on the machine that runs the operation,
 * whatever the storage.
 *
 * <p>Promises of every write:
 *
 * <ul>
 *   <li>The file is owner-only and fsynced, written beside its place and moved there once whole:
 *       it is either complete or absent, whenever the process dies.
 *   <li>An existing file is never overwritten. One that holds exactly the bytes the write would
 *       produce is accepted as written (a rerun after a crash); any other is refused with a
 *       {@link dev.threadline.domain.error.DomainRuleViolation} of rule {@value #FILE_IS_NEW}.
 *   <li>A directory that is missing or cannot be written fails with a {@link
 *       dev.threadline.domain.error.StorageFailure}, and nothing is written.
 * </ul>
 *
 * <p>Concurrency: safe from many threads; two writes to the same path race like any two files.
 */
public interface ArchiveFiles {

    /** The rule that an archive or quarantine file never overwrites another file. */
    String FILE_IS_NEW = "archive-file-is-new";

    /** Where a thread purged at this time is archived by default (in a directory of its own). */
    Path defaultArchive(ThreadId thread, Instant at);

    /** Where rows quarantined at this time go (in a directory of its own). */
    Path quarantineFile(Instant at);

    /**
     * Creates the directory of a default file ({@link #defaultArchive}, {@link #quarantineFile})
     * owner-only, with its parents, when it is absent.
     *
     * @throws dev.threadline.domain.error.StorageFailure when it cannot be created
     */
    void createDirectoryOf(Path file);

    /** The size in bytes of these events in the export format, as {@link #writeEvents} writes them. */
    long measure(List<StoredEvent> events);

    /** Writes events in the export format, one a line, in the given order. */
    WrittenFile writeEvents(Path file, List<StoredEvent> events);

    /** Writes raw rows, one JSON object of their columns a line, in the given order. */
    WrittenFile writeRows(Path file, List<LogRemoval.RawRow> rows);

    /**
     * A file as written.
     *
     * @param file where it is
     * @param bytes its size
     * @param sha256 its SHA-256, lowercase hex
     */
    record WrittenFile(Path file, long bytes, String sha256) {

        /** Checks that every field is present. */
        public WrittenFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
