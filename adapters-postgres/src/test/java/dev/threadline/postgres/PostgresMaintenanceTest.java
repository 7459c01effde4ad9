package dev.threadline.postgres;

import dev.threadline.application.port.MaintenanceContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class PostgresMaintenanceTest extends MaintenanceContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return PostgresStorage.open(getClass(), directory);
    }
}
