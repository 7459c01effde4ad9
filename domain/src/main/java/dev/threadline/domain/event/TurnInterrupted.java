package dev.threadline.domain.event;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/** The user stopped the running turn of a thread. */
public record TurnInterrupted(ThreadId threadId, TurnId turnId, Instant at) implements Event {

    /** Checks that every field is present. */
    public TurnInterrupted {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
