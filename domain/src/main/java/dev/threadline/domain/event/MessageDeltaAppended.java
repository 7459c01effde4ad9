package dev.threadline.domain.event;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** Streamed text was appended to a streaming message. */
public record MessageDeltaAppended(ThreadId threadId, MessageId messageId, String delta, Instant at) implements Event {

    /** Checks that every field is present. */
    public MessageDeltaAppended {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
