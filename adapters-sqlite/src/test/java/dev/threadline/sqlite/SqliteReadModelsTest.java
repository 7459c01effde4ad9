package dev.threadline.sqlite;

import dev.threadline.application.port.ReadModelsContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteReadModelsTest extends ReadModelsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
