package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A thread was soft-deleted. */
public record ThreadDeleted(ThreadId threadId, Instant at) implements Event {

    /** Checks that every field is present. */
    public ThreadDeleted {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
