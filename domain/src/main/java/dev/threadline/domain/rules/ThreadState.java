package dev.threadline.domain.rules;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;

/**
 * What the rules need to know about a thread.
 *
 * @param id the thread
 * @param projectId its project
 * @param archived whether it is archived (read-only)
 * @param deleted whether it was soft-deleted
 * @param runningTurn its running turn, or null
 * @param version its stream's last version
 */
public record ThreadState(
        ThreadId id, ProjectId projectId, boolean archived, boolean deleted, TurnId runningTurn, long version) {}
