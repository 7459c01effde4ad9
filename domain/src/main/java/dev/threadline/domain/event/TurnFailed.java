package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/** The running turn of a thread ended with an error. */
public record TurnFailed(ThreadId threadId, TurnId turnId, String error, Instant at) implements Event {

    /** Checks that every field is present. */
    public TurnFailed {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
