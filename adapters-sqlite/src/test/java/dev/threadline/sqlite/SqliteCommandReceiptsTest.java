package dev.threadline.sqlite;

import dev.threadline.application.port.CommandReceiptsContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteCommandReceiptsTest extends CommandReceiptsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
