package dev.threadline.sqlite;

import dev.threadline.application.port.ReadModelComparerContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteReadModelComparerTest extends ReadModelComparerContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
