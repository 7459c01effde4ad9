package dev.threadline.sqlite;

import dev.threadline.application.port.MaintenanceContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class SqliteMaintenanceTest extends MaintenanceContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
