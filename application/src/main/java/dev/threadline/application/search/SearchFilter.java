package dev.threadline.application.search;

import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;

/**
 * Which hits a search returns: every filter given must hold.
 *
 * @param project only this project's threads, or null
 * @param thread only this thread's own messages and title, or null
 * @param role only messages of this role (no titles then), or null
 * @param limit at most this many hits, best first (1 to {@value #MAX_LIMIT})
 */
public record SearchFilter(ProjectId project, ThreadId thread, Role role, int limit) {

    /** The number of hits returned unless told otherwise. */
    public static final int DEFAULT_LIMIT = 20;

    /** The most hits one search returns. */
    public static final int MAX_LIMIT = 1_000;

    /** Checks the limit. */
    public SearchFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("a search's limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** No filter, the default limit. */
    public static SearchFilter none() {
        return new SearchFilter(null, null, null, DEFAULT_LIMIT);
    }

    /** Whether a document passes (the limit aside). */
    public boolean accepts(SearchDocument document) {
        return (project == null || project.equals(document.projectId()))
                && (thread == null || thread.equals(document.threadId()))
                && (role == null || role == document.role());
    }
}
