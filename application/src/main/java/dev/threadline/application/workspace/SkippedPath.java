package dev.threadline.application.workspace;

import java.util.Objects;

/**
 * A path a capture left out.
 *
 * @param path relative to the workspace, with {@code /} between names; a nested repository's
 *     path names its directory
 * @param reason why
 */
public record SkippedPath(String path, Reason reason) {

    /** Why a path was left out. */
    public enum Reason {
        /** The file is larger than the workspace's size cap. */
        TOO_LARGE,
        /** The directory holds a {@code .git} entry: it is a repository of its own. */
        NESTED_REPOSITORY
    }

    /** Checks that neither field is null. */
    public SkippedPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
