package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryMaintenanceTest extends MaintenanceContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
