package dev.threadline.domain.event;

import dev.threadline.domain.id.ProjectId;
import java.time.Instant;
import java.util.Objects;

/** A project was soft-deleted; its live threads were deleted in the same batch. */
public record ProjectDeleted(ProjectId projectId, Instant at) implements Event {

    /** Checks that every field is present. */
    public ProjectDeleted {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return projectId.toString();
    }
}
