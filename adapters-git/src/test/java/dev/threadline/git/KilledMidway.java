package dev.threadline.git;

import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A process that runs one capture or restore and stops at a {@link GitWorkspaceSnapshots.Point},
 * announcing it by creating a marker file, then waits to be killed.
 *
 * <p>Arguments: dataDir workspaceDir projectId threadId point marker [commit]
 */
public final class KilledMidway {

    private KilledMidway() {}

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        Workspace workspace = new Workspace(ProjectId.parse(args[2]), Path.of(args[1]), 1024 * 1024);
        GitWorkspaceSnapshots.Point stopAt = GitWorkspaceSnapshots.Point.valueOf(args[4]);
        Path marker = Path.of(args[5]);
        GitWorkspaceSnapshots snapshots = new GitWorkspaceSnapshots(dataDir, "git", point -> {
            if (point == stopAt) {
                try {
                    Files.createFile(marker);
                    Thread.sleep(Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        if (stopAt == GitWorkspaceSnapshots.Point.CAPTURE_BEFORE_REF) {
            snapshots.capture(
                    workspace,
                    new CaptureRequest(ThreadId.parse(args[3]), CheckpointId.next(), null, "killed", Instant.now()));
        } else {
            snapshots.restore(workspace, new CommitId(args[6]));
        }
        // Reaching here means the pause never came: the test sees no marker and fails.
        System.exit(3);
    }
}
