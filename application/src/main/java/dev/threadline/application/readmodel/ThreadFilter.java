package dev.threadline.application.readmodel;

import dev.threadline.domain.id.ProjectId;

/**
 * Which threads a listing shows: live, unarchived threads unless told to include more.
 *
 * @param project only this project's threads, or null for every project
 * @param includeArchived whether archived threads are shown too
 * @param includeDeleted whether deleted threads are shown too
 */
public record ThreadFilter(ProjectId project, boolean includeArchived, boolean includeDeleted) {

    /** Live, unarchived threads of every project. */
    public static ThreadFilter active() {
        return new ThreadFilter(null, false, false);
    }

    /** Live, unarchived threads of one project. */
    public static ThreadFilter of(ProjectId project) {
        return new ThreadFilter(project, false, false);
    }

    /** Whether a thread passes. */
    public boolean accepts(ThreadView thread) {
        return (project == null || project.equals(thread.projectId()))
                && (includeArchived || !thread.archived())
                && (includeDeleted || !thread.deleted());
    }
}
