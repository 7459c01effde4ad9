package dev.threadline.domain.event;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A streaming message became final. */
public record MessageCompleted(ThreadId threadId, MessageId messageId, Instant at) implements Event {

    /** Checks that every field is present. */
    public MessageCompleted {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
