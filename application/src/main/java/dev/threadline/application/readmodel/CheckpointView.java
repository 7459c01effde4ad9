package dev.threadline.application.readmodel;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.CheckpointState;
import java.time.Instant;

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
 */
public record CheckpointView(
        CheckpointId id,
        ThreadId threadId,
        TurnId turnId,
        String gitRef,
        String message,
        Instant createdAt,
        Instant restoredAt) {

    /** What the decision rules need of it. */
    public CheckpointState state() {
        return new CheckpointState(id, threadId, turnId);
    }
}
