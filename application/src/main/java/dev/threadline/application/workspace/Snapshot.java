package dev.threadline.application.workspace;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import java.util.List;
import java.util.Objects;

/**
 * A captured snapshot.
 *
 * @param commit its id
 * @param ref the name it is kept under, {@code refs/threadline/<threadId>/<checkpointId>}
 * @param skipped the paths left out for a reason worth telling (ignored files are not listed)
 */
public record Snapshot(CommitId commit, String ref, List<SkippedPath> skipped) {

    /** Checks the fields and copies the list. */
    public Snapshot {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(ref, "ref");
        skipped = List.copyOf(skipped);
    }

    /** The name of a checkpoint's snapshot. */
    public static String refOf(ThreadId threadId, CheckpointId checkpointId) {
        return "refs/threadline/" + threadId + "/" + checkpointId;
    }
}
