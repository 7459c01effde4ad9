package dev.threadline.domain.rules;

import dev.threadline.domain.id.ProjectId;

/**
 * What the rules need to know about a project.
 *
 * @param id the project
 * @param deleted whether it was soft-deleted
 * @param version its stream's last version
 */
public record ProjectState(ProjectId id, boolean deleted, long version) {}
