package dev.threadline.postgres;

import dev.threadline.application.port.ProjectorPositionsContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class PostgresProjectorPositionsTest extends ProjectorPositionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return PostgresStorage.open(getClass(), directory);
    }
}
