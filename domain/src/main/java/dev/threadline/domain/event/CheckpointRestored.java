package dev.threadline.domain.event;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A thread was reverted to a checkpoint; later turns became reverted. */
public record CheckpointRestored(ThreadId threadId, CheckpointId checkpointId, Instant at) implements Event {

    /** Checks that every field is present. */
    public CheckpointRestored {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
