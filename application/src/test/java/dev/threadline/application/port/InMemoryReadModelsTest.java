package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryReadModelsTest extends ReadModelsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
