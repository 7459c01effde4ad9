package dev.threadline.domain.event;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.Objects;

/** A conversation with an agent began in a project. */
public record ThreadCreated(ThreadId threadId, ProjectId projectId, String title, String model, Instant at)
        implements Event {

    /** Checks that every field is present. */
    public ThreadCreated {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
