package dev.threadline.postgres;

import dev.threadline.application.port.CommandReceiptsContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class PostgresCommandReceiptsTest extends CommandReceiptsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return PostgresStorage.open(getClass(), directory);
    }
}
