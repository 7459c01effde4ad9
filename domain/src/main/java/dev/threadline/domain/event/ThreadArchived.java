package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A thread was hidden from default listings and made read-only. */
public record ThreadArchived(ThreadId threadId, Instant at) implements Event {

    /** Checks that every field is present. */
    public ThreadArchived {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
