package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryProjectorPositionsTest extends ProjectorPositionsContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
