package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryCommandReceiptsTest extends CommandReceiptsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
