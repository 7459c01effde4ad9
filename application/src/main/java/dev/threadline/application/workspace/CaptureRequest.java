package dev.threadline.application.workspace;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a capture records besides the files.
 *
 * @param threadId the thread the snapshot belongs to
 * @param checkpointId the checkpoint it becomes
 * @param parent the thread's previous snapshot, or null for its first
 * @param message the snapshot's description
 * @param at when it is taken (the snapshot's date)
 */
public record CaptureRequest(
        ThreadId threadId, CheckpointId checkpointId, CommitId parent, String message, Instant at) {

    /** Checks the fields: all but {@code parent} non-null. */
    public CaptureRequest {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** The name the snapshot gets: {@code refs/threadline/<threadId>/<checkpointId>}. */
    public String ref() {
        return Snapshot.refOf(threadId, checkpointId);
    }
}
