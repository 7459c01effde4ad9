package dev.threadline.application.workspace;

import dev.threadline.domain.id.ProjectId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A project's workspace directory, as the snapshot port sees it.
 *
 * @param projectId the project whose snapshots these are
 * @param directory the project's directory
 * @param maxFileBytes files larger than this are left out of snapshots (and listed as skipped)
 */
public record Workspace(ProjectId projectId, Path directory, long maxFileBytes) {

    /** The size cap used when a project sets none: 10 MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** Checks the fields: none null, a positive size cap. */
    public Workspace {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(directory, "directory");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        }
    }

    /** A workspace with the default size cap. */
    public static Workspace of(ProjectId projectId, Path directory) {
        return new Workspace(projectId, directory, DEFAULT_MAX_FILE_BYTES);
    }
}
