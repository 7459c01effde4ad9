package dev.threadline.domain.event;

import dev.threadline.domain.id.ProjectId;
import java.time.Instant;
import java.util.Objects;

/** A workspace root came under orchestration. */
public record ProjectCreated(ProjectId projectId, String name, String path, Instant at) implements Event {

    /** Checks that every field is present. */
    public ProjectCreated {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return projectId.toString();
    }
}
