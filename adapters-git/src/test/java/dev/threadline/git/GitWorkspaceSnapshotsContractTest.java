package dev.threadline.git;

import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.application.workspace.WorkspaceSnapshotsContract;
import java.nio.file.Path;

class GitWorkspaceSnapshotsContractTest extends WorkspaceSnapshotsContract {

    @Override
    protected WorkspaceSnapshots newSnapshots(Path dataDir) {
        return new GitWorkspaceSnapshots(dataDir);
    }
}
