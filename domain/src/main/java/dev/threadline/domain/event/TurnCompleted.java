package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/** The running turn of a thread ended normally. */
public record TurnCompleted(ThreadId threadId, TurnId turnId, Instant at) implements Event {

    /** Checks that every field is present. */
    public TurnCompleted {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
