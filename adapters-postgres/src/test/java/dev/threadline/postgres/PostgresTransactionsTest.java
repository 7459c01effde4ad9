package dev.threadline.postgres;

import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.port.TransactionsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class PostgresTransactionsTest extends TransactionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return PostgresStorage.open(getClass(), directory);
    }
}
