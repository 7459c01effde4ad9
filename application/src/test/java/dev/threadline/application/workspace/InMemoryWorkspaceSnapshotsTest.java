package dev.threadline.application.workspace;

import java.nio.file.Path;

class InMemoryWorkspaceSnapshotsTest extends WorkspaceSnapshotsContract {

    @Override
    protected WorkspaceSnapshots newSnapshots(Path dataDir) {
        return new InMemoryWorkspaceSnapshots();
    }
}
