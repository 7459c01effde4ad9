package dev.threadline.application.readmodel;

import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.CheckpointState;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint as the read model holds it.
 *
 * @param id the checkpoint
 * @param threadId its thread
 * @param turnId the turn whose end it records
 * @param gitRef the git ref holding the workspace state
 * @param message its description
 * @param createdAt when it was taken
 * @param restoredAt when the thread was last reverted to it, or null
 * @param commit its workspace snapshot's commit id, or null for a ref recorded by hand
 * @param skipped the paths its snapshot left out
 */
public record CheckpointView(
        CheckpointId id,
        ThreadId threadId,
        TurnId turnId,
        String gitRef,
        String message,
        Instant createdAt,
        Instant restoredAt,
        String commit,
        List<CheckpointCreated.Skipped> skipped) {

    /** Copies the list; null is none. */
    public CheckpointView {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** This checkpoint, last restored at another time. */
    public CheckpointView restored(Instant at) {
        return new CheckpointView(id, threadId, turnId, gitRef, message, createdAt, at, commit, skipped);
    }

    /** What the decision rules need of it. */
    public CheckpointState state() {
        return new CheckpointState(id, threadId, turnId);
    }
}
