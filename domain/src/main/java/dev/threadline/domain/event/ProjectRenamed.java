package dev.threadline.domain.event;

import dev.threadline.domain.id.ProjectId;
import java.time.Instant;
import java.util.Objects;

/** A project got a new name. */
public record ProjectRenamed(ProjectId projectId, String name, Instant at) implements Event {

    /** Checks that every field is present. */
    public ProjectRenamed {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return projectId.toString();
    }
}
