package dev.threadline.application.checkpoint;

import dev.threadline.application.command.Commands;
import dev.threadline.application.command.RestoreCheckpoint;
import dev.threadline.application.query.Queries;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.RestorePlan;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.time.Clock;
import java.util.Objects;

/**
 * Restores a checkpoint: makes the project's workspace equal its snapshot (files modified, created
 * and deleted; ignored files untouched), then records the restore in the thread's history, where
 * later turns become reverted. A workspace holding changes that no checkpoint of the thread has is
 * refused ({@code workspace-has-changes}) unless forced, and a forced restore captures them first.
 */
public final class RestoreWorkspace {

    private final Commands commands;
    private final Queries queries;
    private final WorkspaceSnapshots snapshots;
    private final CaptureCheckpoint capture;
    private final Clock clock;
    private final ProjectWorkspaces workspaces;

    /**
     * @param commands records the restore
     * @param queries reads threads, projects, checkpoints and settings
     * @param snapshots restores the workspace
     * @param capture takes the safety snapshot of a forced restore
     * @param clock the time the rules are checked at
     */
    public RestoreWorkspace(
            Commands commands, Queries queries, WorkspaceSnapshots snapshots, CaptureCheckpoint capture, Clock clock) {
        this.commands = Objects.requireNonNull(commands);
        this.queries = Objects.requireNonNull(queries);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.capture = Objects.requireNonNull(capture);
        this.clock = Objects.requireNonNull(clock);
        this.workspaces = new ProjectWorkspaces(queries);
    }

    /**
     * Restores a checkpoint of a thread.
     *
     * @param commandId the caller's id for the restore, or null; a retry with the same id touches
     *     no file and returns the first result
     * @throws DomainRuleViolation {@code workspace-has-changes} when the workspace holds changes no
     *     checkpoint of the thread has and the restore is not forced; the rules of restoring
     *     otherwise (a checkpoint of the thread, no running turn, a writable thread), checked
     *     before any file is touched
     */
    public RestoredCheckpoint restore(
            ThreadId threadId, CheckpointId checkpointId, RestoreOptions options, String commandId) {
        var earlier = commands.earlierResult(commandId, new RestoreCheckpoint(threadId, checkpointId));
        if (earlier.isPresent()) {
            return new RestoredCheckpoint(checkpointId, null, false, null, earlier.get());
        }
        ThreadView thread = queries.thread(threadId);
        CheckpointView checkpoint = queries.checkpoint(checkpointId);
        // The rules of recording the restore, checked before a file is touched.
        ThreadRules.restoreCheckpoint(thread.state(), checkpoint.state(), clock.instant());
        if (options.historyOnly() || checkpoint.commit() == null) {
            return new RestoredCheckpoint(
                    checkpointId, null, false, null, record(threadId, checkpointId, options, commandId));
        }
        Workspace workspace = workspaces.of(threadId);
        CommitId commit = new CommitId(checkpoint.commit());
        boolean changed = snapshots.hasUncapturedChanges(workspace, workspaces.commitsOf(threadId));
        if (options.dryRun()) {
            return new RestoredCheckpoint(checkpointId, snapshots.planRestore(workspace, commit), changed, null, null);
        }
        CapturedCheckpoint safety = null;
        if (changed) {
            if (!options.force()) {
                throw new DomainRuleViolation(
                        "workspace-has-changes",
                        "the workspace " + workspace.directory() + " holds changes that no checkpoint of thread "
                                + threadId + " has; capture them first, or force the restore (it captures them"
                                + " before restoring)");
            }
            safety = capture.capture(
                    threadId, null, "safety snapshot before restoring checkpoint " + checkpointId, null);
        }
        RestorePlan plan = snapshots.restore(workspace, commit);
        return new RestoredCheckpoint(
                checkpointId, plan, changed, safety, record(threadId, checkpointId, options, commandId));
    }

    private CommandResult record(
            ThreadId threadId, CheckpointId checkpointId, RestoreOptions options, String commandId) {
        if (options.dryRun()) {
            return null;
        }
        return commands.execute(new RestoreCheckpoint(threadId, checkpointId), commandId);
    }
}
