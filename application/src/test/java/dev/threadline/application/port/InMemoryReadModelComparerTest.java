package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryReadModelComparerTest extends ReadModelComparerContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
