package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryTransactionsTest extends TransactionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
