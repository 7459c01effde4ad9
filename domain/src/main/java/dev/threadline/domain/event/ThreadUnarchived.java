package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** An archived thread became active again. */
public record ThreadUnarchived(ThreadId threadId, Instant at) implements Event {

    /** Checks that every field is present. */
    public ThreadUnarchived {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
