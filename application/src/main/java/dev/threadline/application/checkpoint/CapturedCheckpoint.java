package dev.threadline.application.checkpoint;

import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.TurnId;
import java.util.List;
import java.util.Objects;

/**
 * A workspace snapshot recorded as a checkpoint.
 *
 * @param checkpointId the new checkpoint
 * @param turnId the ended turn it follows
 * @param commit the snapshot's commit id
 * @param skipped the paths the capture left out
 * @param result what the recording command wrote
 */
public record CapturedCheckpoint(
        CheckpointId checkpointId,
        TurnId turnId,
        String commit,
        List<CheckpointCreated.Skipped> skipped,
        CommandResult result) {

    /** Checks the fields and copies the list. */
    public CapturedCheckpoint {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(result, "result");
        skipped = List.copyOf(skipped);
    }
}
