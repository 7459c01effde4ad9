package dev.threadline.domain.rules;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectDeleted;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the project commands may emit. */
public final class ProjectRules {

    private ProjectRules() {}

    /**
     * A new project: a non-blank name and an absolute path that no live project uses.
     *
     * @param livePathTaken tells whether a live project already has a (normalized) path
     */
    public static ProjectCreated create(
            ProjectId id, String name, String path, Predicate<String> livePathTaken, Instant at) {
        Names.requireNonBlank("project-name-required", "a project's name", name);
        String normalized = Names.requireAbsolutePath(path);
        if (livePathTaken.test(normalized)) {
            throw new DomainRuleViolation("project-path-unique", "a live project already has the path " + normalized);
        }
        return new ProjectCreated(id, name, normalized, at);
    }

    /** A new name for a live project. */
    public static ProjectRenamed rename(ProjectState project, String name, Instant at) {
        requireLive(project);
        Names.requireNonBlank("project-name-required", "a project's name", name);
        return new ProjectRenamed(project.id(), name, at);
    }

    /**
     * Deletes a live project. With live threads it needs {@code force}, and then deletes each of
     * them first, in the same batch.
     */
    public static List<Event> delete(ProjectState project, List<ThreadId> liveThreads, boolean force, Instant at) {
        requireLive(project);
        if (!liveThreads.isEmpty() && !force) {
            throw new DomainRuleViolation(
                    "project-delete-needs-force",
                    "project " + project.id() + " has " + liveThreads.size()
                            + " live thread(s); delete them first or force the delete");
        }
        List<Event> events = new ArrayList<>();
        for (ThreadId thread : liveThreads) {
            events.add(new ThreadDeleted(thread, at));
        }
        events.add(new ProjectDeleted(project.id(), at));
        return events;
    }

    /** Refuses a deleted project. */
    public static void requireLive(ProjectState project) {
        if (project.deleted()) {
            throw new DomainRuleViolation("project-live", "project " + project.id() + " is deleted");
        }
    }
}
