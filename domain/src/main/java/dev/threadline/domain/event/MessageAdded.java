package dev.threadline.domain.event;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/** A message joined the running turn; a streaming message grows by deltas until completed. */
public record MessageAdded(
        ThreadId threadId, TurnId turnId, MessageId messageId, Role role, String text, boolean streaming, Instant at)
        implements Event {

    /** Checks that every field is present. */
    public MessageAdded {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
