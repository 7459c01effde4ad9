package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A thread got a new title. */
public record ThreadRenamed(ThreadId threadId, String title, Instant at) implements Event {

    /** Checks that every field is present. */
    public ThreadRenamed {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
