package dev.threadline.domain.event;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/**
 * A thread began as a fork of another: the first event of its stream. Its history is the parent's
 * up to and including {@code atMessageId}, by reference; nothing of the parent is copied.
 */
public record ThreadForked(
        ThreadId threadId,
        ProjectId projectId,
        ThreadId parentThreadId,
        MessageId atMessageId,
        String title,
        String model,
        Instant at)
        implements Event {

    /** Checks that every field is present. */
    public ThreadForked {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(parentThreadId, "parentThreadId");
        Objects.requireNonNull(atMessageId, "atMessageId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
