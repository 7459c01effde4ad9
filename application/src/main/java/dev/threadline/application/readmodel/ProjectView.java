package dev.threadline.application.readmodel;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.rules.ProjectState;
import java.time.Instant;

/**
 * A project as the read model holds it.
 *
 * @param id the project
 * @param name its name
 * @param path its workspace root (normalized, absolute)
 * @param deleted whether it was soft-deleted
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version its stream's last version
 */
public record ProjectView(
        ProjectId id, String name, String path, boolean deleted, Instant createdAt, Instant updatedAt, long version) {

    /** What the decision rules need of it. */
    public ProjectState state() {
        return new ProjectState(id, deleted, version);
    }

    /** This project after a change at the given time and version. */
    public ProjectView changed(String newName, boolean newDeleted, Instant at, long newVersion) {
        return new ProjectView(id, newName, path, newDeleted, createdAt, at, newVersion);
    }
}
