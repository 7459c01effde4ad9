package dev.threadline.sqlite;

import dev.threadline.application.port.SearchIndexContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteSearchIndexTest extends SearchIndexContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
