package dev.threadline.domain.event;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/**
 * A thread's events and read-model rows were removed from the store for good, on the {@link
 * Event#STORE_STREAM} stream. Its archive, when one was written, holds those events in the export
 * format, and importing it restores the thread.
 *
 * @param threadId the purged thread
 * @param projectId its project
 * @param events how many events were removed
 * @param bytes the size of those events in the export format (the archive's size)
 * @param archive the archive's file name, or null when the purge kept none
 * @param archiveSha256 the archive's SHA-256 in lowercase hex, or null when there is none
 * @param at when it was purged
 */
public record ThreadPurged(
        ThreadId threadId,
        ProjectId projectId,
        long events,
        long bytes,
        String archive,
        String archiveSha256,
        Instant at)
        implements Event {

    /** Checks that every required field is present and the archive and its digest go together. */
    public ThreadPurged {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(at, "at");
        if ((archive == null) != (archiveSha256 == null)) {
            throw new IllegalArgumentException("an archive and its SHA-256 are both present or both absent");
        }
    }

    @Override
    public String streamId() {
        return STORE_STREAM;
    }
}
