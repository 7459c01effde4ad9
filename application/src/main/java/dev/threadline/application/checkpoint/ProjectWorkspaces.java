package dev.threadline.application.checkpoint;

import dev.threadline.application.query.Queries;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A thread's project workspace and snapshots, as the checkpoint use cases read them. */
final class ProjectWorkspaces {

    /** The setting holding the size cap of a snapshot's files, in bytes. */
    static final String MAX_FILE_BYTES = "checkpoints.max-file-bytes";

    /** The setting that turns automatic captures after a completed turn off ({@code off}). */
    static final String AUTO = "checkpoints.auto";

    private final Queries queries;

    ProjectWorkspaces(Queries queries) {
        this.queries = Objects.requireNonNull(queries);
    }

    /** The project workspace of a thread, with the configured size cap. */
    Workspace of(ThreadId threadId) {
        ProjectView project = queries.project(queries.thread(threadId).projectId());
        return new Workspace(project.id(), Path.of(project.path()), maxFileBytes());
    }

    /** Whether a completed turn of the thread is captured: its project directory exists and captures are not off. */
    boolean capturesAutomatically(ThreadId threadId) {
        String auto = queries.setting(AUTO).map(SettingView::value).orElse("on");
        if (auto.equals("off")) {
            return false;
        }
        ProjectView project = queries.project(queries.thread(threadId).projectId());
        return Files.isDirectory(Path.of(project.path()));
    }

    /** The snapshot commits of a thread's checkpoints, oldest first (refs recorded by hand have none). */
    List<CommitId> commitsOf(ThreadId threadId) {
        return queries.checkpoints(threadId).stream()
                .filter(checkpoint -> checkpoint.commit() != null)
                .map(checkpoint -> new CommitId(checkpoint.commit()))
                .toList();
    }

    /** A checkpoint's snapshot commit, or a refusal when it is a ref recorded by hand. */
    static CommitId commitOf(CheckpointView checkpoint) {
        if (checkpoint.commit() == null) {
            throw new DomainRuleViolation(
                    "checkpoint-has-snapshot",
                    "checkpoint " + checkpoint.id() + " records a ref made elsewhere (" + checkpoint.gitRef()
                            + "); it holds no workspace snapshot");
        }
        return new CommitId(checkpoint.commit());
    }

    private long maxFileBytes() {
        String value = queries.setting(MAX_FILE_BYTES).map(SettingView::value).orElse(null);
        if (value == null) {
            return Workspace.DEFAULT_MAX_FILE_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below, with the setting's name
        }
        throw new InvalidInput("the setting " + MAX_FILE_BYTES + " must be a positive number of bytes, not '" + value
                + "'; fix it with: settings set " + MAX_FILE_BYTES + " 10485760");
    }
}
