package dev.threadline.domain.event;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/** The workspace state after a turn was recorded as a git ref. */
public record CheckpointCreated(
        ThreadId threadId, TurnId turnId, CheckpointId checkpointId, String gitRef, String message, Instant at)
        implements Event {

    /** Checks that every field is present. */
    public CheckpointCreated {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(gitRef, "gitRef");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
