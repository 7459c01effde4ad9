package dev.threadline.sqlite;

import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.port.TransactionsContract;
import java.nio.file.Path;

class SqliteTransactionsTest extends TransactionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
