package dev.threadline.sqlite;

import dev.threadline.application.port.ProjectorPositionsContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteProjectorPositionsTest extends ProjectorPositionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
