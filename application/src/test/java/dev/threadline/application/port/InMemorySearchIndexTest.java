package dev.threadline.application.port;

import java.nio.file.Path;

class InMemorySearchIndexTest extends SearchIndexContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
