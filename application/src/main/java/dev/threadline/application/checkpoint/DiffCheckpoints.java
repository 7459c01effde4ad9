package dev.threadline.application.checkpoint;

import dev.threadline.application.query.Queries;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.id.CheckpointId;
import java.util.Objects;

/** Compares a checkpoint's snapshot with another checkpoint's or with the workspace as it is now. */
public final class DiffCheckpoints {

    private final Queries queries;
    private final WorkspaceSnapshots snapshots;
    private final ProjectWorkspaces workspaces;

    /**
     * @param queries reads checkpoints, threads, projects and settings
     * @param snapshots compares snapshots
     */
    public DiffCheckpoints(Queries queries, WorkspaceSnapshots snapshots) {
        this.queries = Objects.requireNonNull(queries);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.workspaces = new ProjectWorkspaces(queries);
    }

    /**
     * The difference from one checkpoint to another, or to the workspace.
     *
     * @param from the older side
     * @param to the newer side, or null for the project's workspace as it is now
     * @param format unified diff or per-file summary
     * @return the text, empty when both sides hold the same files
     * @throws DomainRuleViolation when a checkpoint holds no snapshot (a ref recorded by hand) or
     *     the two belong to different projects
     */
    public String diff(CheckpointId from, CheckpointId to, DiffFormat format) {
        CheckpointView older = queries.checkpoint(from);
        CommitId fromCommit = ProjectWorkspaces.commitOf(older);
        Workspace workspace = workspaces.of(older.threadId());
        CommitId toCommit = null;
        if (to != null) {
            CheckpointView newer = queries.checkpoint(to);
            toCommit = ProjectWorkspaces.commitOf(newer);
            Workspace other = workspaces.of(newer.threadId());
            if (!other.projectId().equals(workspace.projectId())) {
                throw new DomainRuleViolation(
                        "checkpoints-of-one-project",
                        "checkpoints " + from + " and " + to + " belong to different projects; compare checkpoints"
                                + " of one project");
            }
        }
        return snapshots.diff(workspace, fromCommit, toCommit, format);
    }
}
