package dev.threadline.application.checkpoint;

import dev.threadline.application.result.CommandResult;
import dev.threadline.application.workspace.RestorePlan;
import dev.threadline.domain.id.CheckpointId;
import java.util.Optional;

/**
 * What a restore did, or would do on a dry run.
 *
 * @param checkpointId the checkpoint restored
 * @param plan the files changed (or that would change), or null when no file is touched (history
 *     only, or a checkpoint without a snapshot)
 * @param workspaceHasChanges whether the workspace held changes no checkpoint of the thread has
 * @param safetyCheckpoint the checkpoint that captured those changes first (a forced restore), or
 *     null
 * @param result what recording the restore wrote, or null on a dry run
 */
public record RestoredCheckpoint(
        CheckpointId checkpointId,
        RestorePlan plan,
        boolean workspaceHasChanges,
        CapturedCheckpoint safetyCheckpoint,
        CommandResult result) {

    /** The files changed, if the restore touches files. */
    public Optional<RestorePlan> files() {
        return Optional.ofNullable(plan);
    }

    /** Whether this was a dry run (nothing changed or recorded). */
    public boolean dryRun() {
        return result == null;
    }
}
