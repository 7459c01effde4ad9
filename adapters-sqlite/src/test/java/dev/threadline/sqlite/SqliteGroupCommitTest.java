package dev.threadline.sqlite;

import dev.threadline.application.command.GroupCommitContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteGroupCommitTest extends GroupCommitContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
